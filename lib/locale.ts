/**
 * The languages the patient pages speak, and how one is chosen for a request (docs/i18n.md):
 * a signed-in patient's saved choice, else the `locale` cookie the switcher sets, else the
 * browser's Accept-Language, else English. Pure: the request's cookie and header are read in
 * lib/auth/request-locale.ts.
 */
export const LOCALES = ["en", "es"] as const;
export type TLocale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: TLocale = "en";

/** The cookie the language switcher sets (a year; not a secret, readable by no script). */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Each language named in itself, for the switcher: a Spanish reader looks for "Español". */
export const LOCALE_NAMES: Record<TLocale, string> = { en: "English", es: "Español" };

/** The Intl locale money, dates and numbers are formatted in (lib/money.ts, lib/dates.ts). */
export const INTL_LOCALES: Record<TLocale, string> = { en: "en-US", es: "es-US" };

export const isLocale = (value: unknown): value is TLocale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** A stored language (user.locale, payment.payerLocale…) as one of ours; English when none or unknown. */
export const localeOr = (value: string | null | undefined, fallback: TLocale = DEFAULT_LOCALE): TLocale =>
  isLocale(value) ? value : fallback;

/**
 * The best of our languages for an Accept-Language header ("es-MX,es;q=0.9,en;q=0.8" → "es"),
 * by quality then order; null when it names none of them. A q of 0 means "not this one".
 */
export const localeFromAcceptLanguage = (header: string | null | undefined): TLocale | null => {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 32) // a header is the client's to write: look at a sensible number of entries
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined);
      // A malformed quality ("q=abc") makes the entry count for nothing, as RFC 9110 would refuse it.
      const quality = q === undefined ? 1 : /^\s*[01](\.\d{0,3})?\s*$/.test(q) ? Number(q) : NaN;
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", quality, index };
    })
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? null;
};

/** The locale of a request: the saved choice, then the cookie, then Accept-Language, then English. */
export const chooseLocale = ({
  saved,
  cookie,
  acceptLanguage,
}: {
  saved?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): TLocale => {
  if (isLocale(saved)) return saved;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
};
