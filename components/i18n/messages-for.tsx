import { NextIntlClientProvider } from "next-intl";
import { CLIENT_NAMESPACES, clientMessages } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import { readerLocale } from "@/lib/auth/reader-locale";
import type { TLocale } from "@/lib/locale";

/**
 * Gives the client components inside it their messages (those the browser gets:
 * lib/i18n/client-messages.ts) in the reader's language (`readerLocale`: English for staff),
 * whatever the providers above pass. For the components the patient pages and the staff console
 * share (a plan's form and actions, the idle sign-out warning): the staff console stays English,
 * and its provider passes only its own namespaces. `locale`: a language the page has already
 * chosen (the two-step pages, whose session is not signed in yet); `only`: just these namespaces,
 * to send the browser no more than the components inside read.
 */
export async function MessagesFor({
  locale,
  only = CLIENT_NAMESPACES,
  children,
}: {
  locale?: TLocale;
  only?: readonly (typeof CLIENT_NAMESPACES)[number][];
  children: React.ReactNode;
}) {
  const chosen = locale ?? (await readerLocale());
  const messages = clientMessages(await loadMessages(chosen));
  return (
    <NextIntlClientProvider
      locale={chosen}
      messages={Object.fromEntries(only.map((namespace) => [namespace, messages[namespace]]))}
    >
      {children}
    </NextIntlClientProvider>
  );
}
