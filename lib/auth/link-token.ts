/** The props of a page that an emailed link opens, with its token in the query string. */
export type TLinkTokenPageProps = { searchParams: Promise<{ token?: string }> };

/** The link's token; empty when the link came without one. */
export const linkToken = async ({ searchParams }: TLinkTokenPageProps) => (await searchParams).token ?? "";
