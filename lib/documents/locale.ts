import type { TLocale } from "@/lib/locale";

/**
 * The languages the patient documents (itemized statement, yearly payment summary) are written
 * in, as the Intl locale their money and dates are formatted in and the PDF's /Lang names:
 * "en-US", "es-US" (docs/i18n.md). Their words are in lib/documents/strings.ts.
 */
export const DOCUMENT_LOCALES = ["en-US", "es-US"] as const;
export type TDocumentLocale = (typeof DOCUMENT_LOCALES)[number];

export const DEFAULT_DOCUMENT_LOCALE: TDocumentLocale = "en-US";

const BY_LANGUAGE: Record<TLocale, TDocumentLocale> = { en: "en-US", es: "es-US" };

/** The document locale of a reader's language (the routes pass requestLocale()'s). */
export const documentLocale = (locale: TLocale): TDocumentLocale => BY_LANGUAGE[locale];

/** The reader's language of a document locale (for methodLabel and the like). */
export const languageOf = (locale: TDocumentLocale): TLocale => (locale === "es-US" ? "es" : "en");
