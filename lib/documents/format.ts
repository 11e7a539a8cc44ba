import type { TDocumentLocale } from "@/lib/documents/locale";
import type { TDocumentPractice } from "@/lib/documents/types";
import { dateTimeFormat } from "@/lib/intl";
import { formatCents } from "@/lib/money";

/** Money in the document's locale: "$1,250.00", "-$160.00". */
export const documentMoney = (cents: number, currency: string, locale: TDocumentLocale) =>
  formatCents(cents, currency, locale);

/** The negative of an amount, for money taken off ("-$160.00"); zero stays "$0.00", never "-$0.00". */
export const minus = (cents: number) => (cents === 0 ? 0 : -cents);

/** A calendar day (stored as UTC midnight): "Sep 3, 2026". */
export const documentDay = (day: Date, locale: TDocumentLocale) =>
  dateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }).format(day);

/** The day an instant falls on in the practice's zone: "Nov 24, 2026". */
export const documentInstantDay = (at: Date, timeZone: string, locale: TDocumentLocale) =>
  dateTimeFormat(locale, { timeZone, year: "numeric", month: "short", day: "numeric" }).format(at);

/** The practice's name, address lines and phone, for a document's header. */
export const practiceHeaderLines = (p: TDocumentPractice) => {
  const cityLine = [p.city, [p.state, p.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [p.name, p.address1, p.address2, cityLine, p.phone].filter((l): l is string => Boolean(l));
};
