import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { pickMessages, type TClientNamespace } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import { readerLocale } from "@/lib/auth/reader-locale";
import { localeOr, type TLocale } from "@/lib/locale";

/**
 * Gives the client components inside it their messages (those the browser gets:
 * lib/i18n/client-messages.ts) in the reader's language (`readerLocale`: English for staff),
 * whatever the providers above pass. For the components the patient pages and the staff console
 * share (a plan's form and actions, the idle sign-out warning): the staff console stays English,
 * and its provider passes only its own namespaces. `locale`: a language the page has already
 * chosen (the two-step pages, whose session is not signed in yet); `only`: the namespaces the
 * components inside read, and no more (lib/i18n/client-messages.test.ts holds each list to it).
 */
export async function MessagesFor({
  locale,
  only,
  children,
}: {
  locale?: TLocale;
  only: readonly TClientNamespace[];
  children: React.ReactNode;
}) {
  const chosen = locale ?? (await readerLocale());
  return (
    <NextIntlClientProvider locale={chosen} messages={pickMessages(await loadMessages(chosen), only)}>
      {children}
    </NextIntlClientProvider>
  );
}

/**
 * A page whose client components get the namespaces `only` and nothing more, in the page's own
 * language (the request's, which its server components speak too): the root layout sends the
 * browser only what every page needs (ROOT_CLIENT_NAMESPACES), so each page says what its own
 * client components read. lib/i18n/client-messages.test.ts fails when a page's client
 * components read a namespace its list lacks. Used as `export default withMessages(namespaces, PayPage)`.
 */
export const withMessages = <P extends object>(
  only: readonly TClientNamespace[],
  Page: (props: P) => Promise<React.ReactNode>,
) =>
  async function PageWithMessages(props: P) {
    return (
      <MessagesFor locale={localeOr(await getLocale())} only={only}>
        <Page {...props} />
      </MessagesFor>
    );
  };
