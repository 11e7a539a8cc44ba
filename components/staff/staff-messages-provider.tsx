import { NextIntlClientProvider } from "next-intl";
import { clientMessages } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import { STAFF_NAMESPACES } from "@/messages/staff/en";

/**
 * Gives the client components inside it the staff console's messages (messages/staff/en/), with
 * the shared client components' own (lib/i18n/client-messages.ts: the virtual terminal's pay form
 * and hosted fields, the new-password fields), since a provider replaces the one above it: the
 * staff layout wraps its pages in it, and the staff invitation page its form. In English whatever
 * the request's language, as the console is: the shared components get their English words too.
 */
export async function StaffMessagesProvider({ children }: { children: React.ReactNode }) {
  const messages = await loadMessages("en");
  const staffMessages = Object.fromEntries(STAFF_NAMESPACES.map((ns) => [ns, messages[ns]]));
  return (
    <NextIntlClientProvider locale="en" messages={{ ...clientMessages(messages), ...staffMessages }}>
      {children}
    </NextIntlClientProvider>
  );
}
