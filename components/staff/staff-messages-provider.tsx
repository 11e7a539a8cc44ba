import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { STAFF_NAMESPACES } from "@/messages/staff/en";

/**
 * Gives the client components inside it the staff console's messages (messages/staff/en/) and
 * only those, whatever the root provider passes: the staff layout wraps its pages in it, and the
 * staff invitation page its form.
 */
export async function StaffMessagesProvider({ children }: { children: React.ReactNode }) {
  const messages = await getMessages();
  const staffMessages = Object.fromEntries(STAFF_NAMESPACES.map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={staffMessages}>{children}</NextIntlClientProvider>;
}
