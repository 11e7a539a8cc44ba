import { NextIntlClientProvider } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import { readerLocale } from "@/lib/i18n/reader-locale";

/**
 * Gives the client components inside it the messages of the reader's language (`readerLocale`:
 * English for staff), whatever the providers above pass: the staff console's passes only its own
 * namespaces, so a component both sides share (a plan's form and actions, autopay's off switch)
 * brings its own, and with them those of the components it holds (the card fields' too).
 */
export async function MessagesFor({ children }: { children: React.ReactNode }) {
  const locale = await readerLocale();
  return (
    <NextIntlClientProvider locale={locale} messages={await loadMessages(locale)}>
      {children}
    </NextIntlClientProvider>
  );
}
