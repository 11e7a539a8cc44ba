import { numberFormat } from "@/lib/intl";

declare const centsBrand: unique symbol;
/** An integer amount in minor units (cents for USD). */
export type Cents = number & { readonly [centsBrand]: true };

export const MIN_PAYMENT_CENTS = 100 as Cents; // $1.00

export const asCents = (value: number): Cents => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not an integer amount of cents: ${value}`);
  return value as Cents;
};

/**
 * "19.99" → 1999, "$1,250" → 125000, "0.07" → 7; null for anything else (signs, more than two
 * decimals, letters, empty). Never multiplies a float.
 */
export const parseDollarsToCents = (input: string): Cents | null => {
  const cleaned = input
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned) ?? /^()\.(\d{1,2})$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ? Number(match[1]) : 0;
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return (whole * 100 + fraction) as Cents;
};

/** Formats at the edge only (components, emails, PDFs). */
export const formatCents = (cents: number, currency = "USD", locale = "en-US") =>
  numberFormat(locale, { style: "currency", currency }).format(cents / 100);

/** Splits total into n integer parts that sum to total; the last part absorbs the remainder. */
export const splitCents = (total: Cents, n: number): Cents[] => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("n must be a positive integer");
  const base = Math.floor(total / n);
  const parts = Array.from({ length: n }, () => base);
  parts[n - 1] = total - base * (n - 1);
  return parts as Cents[];
};

export const sumCents = (values: readonly number[]): Cents => values.reduce((a, b) => a + b, 0) as Cents;

/** 1250 → "12.50", 7 → "0.07": cents as a plain decimal, for a form field or a CSV cell (no float). */
export const centsToDecimal = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};
