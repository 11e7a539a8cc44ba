import { NextIntlClientProvider } from "next-intl";
import { loadMessages, type TMessages } from "@/lib/i18n/messages";
import { readerLocale } from "@/lib/i18n/reader-locale";

/**
 * Gives the client components inside it the namespaces they read, in the reader's language
 * (`readerLocale`: English for staff), whatever the providers above pass: the staff console's
 * passes only its own namespaces, so a component both sides share brings its own.
 */
export async function MessagesFor({
  namespaces,
  children,
}: {
  namespaces: readonly (keyof TMessages)[];
  children: React.ReactNode;
}) {
  const locale = await readerLocale();
  const all = await loadMessages(locale);
  const messages = Object.fromEntries(namespaces.map((n) => [n, all[n]]));
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
