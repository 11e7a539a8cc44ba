/**
 * The languages the patient documents (itemized statement, yearly payment summary) are written
 * in. English only for now: issue 15's i18n work adds Spanish by adding a locale here and a
 * strings object beside each document's English one; money and dates already follow the locale.
 */
export const DOCUMENT_LOCALES = ["en-US"] as const;
export type TDocumentLocale = (typeof DOCUMENT_LOCALES)[number];

export const DEFAULT_DOCUMENT_LOCALE: TDocumentLocale = "en-US";

/**
 * The locale a patient's document is written in. Until patients choose a language (issue 15),
 * every document is English; the routes ask here, so the choice is made in one place.
 */
export const documentLocale = (): TDocumentLocale => DEFAULT_DOCUMENT_LOCALE;
