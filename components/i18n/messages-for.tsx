import { NextIntlClientProvider } from "next-intl";
import { clientMessages } from "@/lib/i18n/client-messages";
import { loadMessages } from "@/lib/i18n/messages";
import { readerLocale } from "@/lib/auth/reader-locale";

/**
 * Gives the client components inside it their messages (those the browser gets:
 * lib/i18n/client-messages.ts) in the reader's language (`readerLocale`: English for staff),
 * whatever the providers above pass. For the components the patient pages and the staff console
 * share (a plan's form and actions): the staff console stays English, and its provider passes
 * only its own namespaces.
 */
export async function MessagesFor({ children }: { children: React.ReactNode }) {
  const locale = await readerLocale();
  return (
    <NextIntlClientProvider locale={locale} messages={clientMessages(await loadMessages(locale))}>
      {children}
    </NextIntlClientProvider>
  );
}
