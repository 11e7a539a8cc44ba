/**
 * Card numbers in incoming files (docs/files.md, "Payment transaction import"): a file may name
 * a card or a check only by its last 4 digits. These tests find a full number without ever
 * returning, copying or quoting it: they answer yes or no, or give back the last 4 alone. Luhn
 * is not required: any long run of digits is refused, because a number that fails the check
 * digit may still be a real card number mistyped by one digit.
 */

/** A card number has 12 to 19 digits; anything from 12 digits on is refused (ours). */
export const FULL_NUMBER_MIN_DIGITS = 12;

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Separators that may sit between the groups of a written number: space, `-`, `.`. */
const isSeparator = (c: number) => c === 32 || c === 45 || c === 46;

/** Characters a masked number uses in place of digits: `*`, `X`, `x`, `#`, `•`. */
const isMask = (c: number) => c === 42 || c === 88 || c === 120 || c === 35 || c === 0x2022;

/** How many digits `text` holds, wherever they are. */
export const digitCount = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) n++;
  return n;
};

/**
 * Whether `text` holds a run of `min` or more digits, counting digits separated only by spaces,
 * hyphens or dots as one run (four groups of four digits, with spaces or hyphens). For free-text
 * fields the portal keeps (a name, an authorisation number).
 */
export const hasLongDigitRun = (text: string, min = FULL_NUMBER_MIN_DIGITS): boolean => {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      if (++run >= min) return true;
    } else if (!isSeparator(c)) {
      run = 0;
    }
  }
  return false;
};

/**
 * The last 4 of a card or check number field: the digits at its end, when they are at least
 * `minDigits` and at most 4, and everything before them is a mask, a separator or digits
 * ("1111", "************1111", "XXXX-XXXX-XXXX-1111", "411111******1111"). Null for anything
 * else. Call it only after `digitCount` has ruled out a full number.
 */
export const lastDigitsOf = (text: string, minDigits: number): string | null => {
  let start = text.length;
  while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
  const digits = text.length - start;
  if (digits < minDigits || digits > 4) return null;
  for (let i = 0; i < start; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && !isSeparator(c) && !isMask(c)) return null;
  }
  return text.slice(start);
};
