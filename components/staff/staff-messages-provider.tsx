import { NextIntlClientProvider } from "next-intl";
import { pickMessages, type TClientNamespace } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import type { STAFF_NAMESPACES } from "@/messages/staff/en";

type TStaffNamespace = (typeof STAFF_NAMESPACES)[number];

/**
 * Gives the client components inside it the staff console's messages (messages/staff/en/) and
 * the shared client components' own (lib/i18n/client-messages.ts: the virtual terminal's pay form
 * and hosted fields, the new-password fields), since a provider replaces the one above it: each
 * staff page passes those its own client components read (`withStaffMessages`), the staff
 * invitation page those of its form. In English whatever the request's language, as the console
 * is: the shared components get their English words too. `only`: the namespaces to pass (all of
 * them would be 71 KB of JSON).
 */
export async function StaffMessagesProvider({
  only,
  children,
}: {
  only: readonly (TClientNamespace | TStaffNamespace)[];
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider locale="en" messages={pickMessages(await loadMessages("en"), only)}>
      {children}
    </NextIntlClientProvider>
  );
}

/**
 * A staff page whose client components get the namespaces `only` (the console's and the shared
 * ones) and nothing more, in English. lib/i18n/client-messages.test.ts fails when the page's
 * client components read a namespace its list lacks.
 */
export const withStaffMessages = <P extends object>(
  only: readonly (TClientNamespace | TStaffNamespace)[],
  Page: (props: P) => Promise<React.ReactNode>,
) =>
  async function StaffPageWithMessages(props: P) {
    return (
      <StaffMessagesProvider only={only}>
        <Page {...props} />
      </StaffMessagesProvider>
    );
  };
