import type { Cents } from "@/lib/money";

/**
 * Shared primitives for the pipe-delimited integration files (docs/files.md): error shape,
 * field readers that collect errors instead of throwing, and the output sanitiser. Pure, no
 * I/O. Row parsers run a million times per balance file, so the readers scan characters
 * rather than run regexes, and allocate nothing on the happy path beyond the values they
 * return.
 */

/**
 * Lengths the layouts do not state, the same in every file we read (ours): an ID, a first and a
 * last name, a street line, a city.
 */
export const UNSTATED_MAX = { ID: 80, NAME_FIRST: 25, NAME_LAST: 80, STREET: 100, CITY: 50 } as const;

/** Stable error codes of the file interfaces; the reasons are in `FILE_ERROR_REASONS`. */
export type TFileErrorCode =
  | "MISSING_FIELD"
  | "FIELD_COUNT"
  | "BAD_RECORD_ID"
  | "LINE_TOO_LONG"
  | "BAD_CHARACTER"
  | "TOO_LONG"
  | "TOO_SHORT"
  | "BAD_DATE"
  | "BAD_AMOUNT"
  | "NEGATIVE_AMOUNT"
  | "AMOUNT_TOO_LARGE"
  | "BAD_STATE"
  | "BAD_ZIP"
  | "BAD_PHONE"
  | "BAD_EMAIL"
  | "BAD_NUMBER"
  | "BAD_FLAG"
  | "BAD_STATUS"
  | "BAD_ROUTING_NUMBER"
  | "BAD_ACCOUNT_NUMBER"
  | "BAD_ACCOUNT_TYPE"
  | "MISSING_HEADER"
  | "DUPLICATE_HEADER"
  | "MISSING_TRAILER"
  | "UNEXPECTED_RECORD"
  | "COUNT_MISMATCH"
  | "FILE_REJECTED"
  | "UNKNOWN_CLIENT"
  /** The importer's: an existing statement number that belongs to another account. */
  | "ACCOUNT_MISMATCH"
  /** The importers': no account of the practice has the row's account ID. */
  | "UNKNOWN_ACCOUNT"
  /** The importers': the row's last name is not the account's guarantor's. */
  | "NAME_MISMATCH"
  /** A field that must hold at most the last 4 digits holds a full card (or account) number. */
  | "FULL_CARD_NUMBER"
  /** Not the last 4 digits of a card or check number. */
  | "BAD_LAST4"
  | "BAD_TYPE"
  | "BAD_ACTION"
  /** A value the layout allows that the portal does not record (a Credit). */
  | "UNSUPPORTED_ACTION"
  | "BAD_CARD_TYPE"
  | "BAD_EXPIRY"
  /** The payment importer's: the named statement is not an open statement of the account. */
  | "UNKNOWN_STATEMENT"
  /** The payment importer's: more than the account (or the named statement) owes. */
  | "AMOUNT_EXCEEDS_BALANCE"
  /** The payment importer's: the same transaction was recorded from an earlier file. */
  | "DUPLICATE_TRANSACTION";

/**
 * One problem with one field. `field` is the field's position in its layout (1-based, as in
 * docs/files.md); 0 means the whole record or file. `reason` is a sentence for people: it
 * names the field and the rule and never quotes the value (values are patient data, and in
 * the enrolment file bank numbers).
 */
export type TFileError = { field: number; code: TFileErrorCode; reason: string };

/** A header or trailer record: its values, or why it is bad. */
export type TControlRecordResult<T> = { ok: true; value: T } | { ok: false; errors: TFileError[] };

/** Largest amount any file may carry: $9,999,999.99, which also fits a PostgreSQL `integer`. */
export const MAX_FILE_AMOUNT_CENTS = 999_999_999 as Cents; // $9,999,999.99

/** Oldest and newest year a file date may have (ours). */
export const MIN_FILE_YEAR = 1900;
export const MAX_FILE_YEAR = 2099;

/** Where a field sits and what people call it, for error reasons: "Amount due (field 9)". */
export type TFieldRef = { readonly pos: number; readonly label: string };
/** A free-text field and its length limits (`min` defaults to 1). */
export type TTextField = TFieldRef & { readonly max: number; readonly min?: number };

const describe = (f: TFieldRef) => `${f.label} (field ${f.pos})`;

export const fieldError = (f: TFieldRef, code: TFileErrorCode, rule: string): TFileError => ({
  field: f.pos,
  code,
  reason: `${describe(f)} ${rule}`,
});

/** Control characters, DEL, and U+FFFD (what the UTF-8 decoder puts where bytes were invalid). */
// A single character class: linear, no backtracking.
const BAD_CHARACTERS = /[\u0000-\u001f\u007f\ufffd]/;

export const hasBadCharacters = (text: string) => BAD_CHARACTERS.test(text);

/**
 * Reads the fields of one split line. Each reader returns the parsed value, or null when the
 * field is empty or bad; a bad or missing-but-required field adds an error. Values are
 * trimmed (ours); an empty or all-blank field is null. `checkCharacters`: pass
 * `hasBadCharacters(line)`, so the per-field scan runs only for the rare line that needs it.
 */
export class FieldReader {
  errors: TFileError[] | null = null;
  private readonly fields: readonly string[];
  private readonly checkCharacters: boolean;

  constructor(fields: readonly string[], { checkCharacters }: { checkCharacters: boolean }) {
    this.fields = fields;
    this.checkCharacters = checkCharacters;
  }

  /** The errors so far in field order (empty when there are none). */
  sortedErrors(): TFileError[] {
    return this.errors ? this.errors.sort((a, b) => a.field - b.field) : [];
  }

  fail(f: TFieldRef, code: TFileErrorCode, rule: string): null {
    (this.errors ??= []).push(fieldError(f, code, rule));
    return null;
  }

  /** The trimmed field, or null when empty (with MISSING_FIELD if required). */
  raw(f: TFieldRef, isRequired: boolean): string | null {
    const value = this.fields[f.pos - 1];
    const text = value === undefined ? "" : value.trim();
    if (text.length === 0) {
      return isRequired ? this.fail(f, "MISSING_FIELD", "is required.") : null;
    }
    if (this.checkCharacters && BAD_CHARACTERS.test(text)) {
      return this.fail(f, "BAD_CHARACTER", "contains a control character or bytes that are not UTF-8.");
    }
    return text;
  }

  /** Free text of `f.min`–`f.max` characters. */
  text(f: TTextField, isRequired = false): string | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    if (text.length > f.max) return this.fail(f, "TOO_LONG", `is longer than ${f.max} characters.`);
    if (f.min !== undefined && text.length < f.min) {
      return this.fail(f, "TOO_SHORT", `is shorter than ${f.min} characters.`);
    }
    return text;
  }

  /** `CCYYMMDD`, a real calendar date, as a UTC-midnight Date. */
  date(f: TFieldRef, isRequired = false): Date | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    return parseCompactDate(text) ?? this.fail(f, "BAD_DATE", "is not a real date in the form CCYYMMDD.");
  }

  /** Decimal dollars, at most two places, not negative, at most MAX_FILE_AMOUNT_CENTS. */
  amount(f: TFieldRef, isRequired = false): Cents | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    const cents = parseFileAmount(text);
    if (cents >= 0) return cents as Cents;
    if (cents === AMOUNT_NEGATIVE) return this.fail(f, "NEGATIVE_AMOUNT", "must not be negative.");
    if (cents === AMOUNT_TOO_LARGE) return this.fail(f, "AMOUNT_TOO_LARGE", "is more than $9,999,999.99.");
    return this.fail(f, "BAD_AMOUNT", "is not an amount in dollars with at most two decimals, e.g. 125.40.");
  }

  /** A USPS state or territory code, any case; returned in upper case. */
  state(f: TFieldRef): string | null {
    const text = this.raw(f, false);
    if (text === null) return null;
    const upper = text.toUpperCase();
    return US_STATES.has(upper) ? upper : this.fail(f, "BAD_STATE", "is not a two-letter US state code.");
  }

  /** Exactly `length` digits (ZIP: 5; ZIP+4 extension: 4). */
  digits(f: TFieldRef, length: number, code: TFileErrorCode, isRequired = false): string | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    return text.length === length && isAllDigits(text)
      ? text
      : this.fail(f, code, `must be exactly ${length} digits.`);
  }

  /** A US ZIP of 5 digits, or ZIP+4 as 9 digits or `12345-6789`; returned as 5 or 9 digits. */
  zip5or9(f: TFieldRef): string | null {
    const text = this.raw(f, false);
    if (text === null) return null;
    if ((text.length === 5 || text.length === 9) && isAllDigits(text)) return text;
    if (text.length === 10 && text.charCodeAt(5) === 45 /* - */) {
      const joined = text.slice(0, 5) + text.slice(6);
      if (isAllDigits(joined)) return joined;
    }
    return this.fail(f, "BAD_ZIP", "must be a 5-digit ZIP or a ZIP+4.");
  }

  phone(f: TFieldRef): string | null {
    return this.digits(f, 10, "BAD_PHONE");
  }

  email(f: TFieldRef): string | null {
    const text = this.raw(f, false);
    if (text === null) return null;
    if (text.length > 254) return this.fail(f, "TOO_LONG", "is longer than 254 characters.");
    return isPlausibleEmail(text) ? text : this.fail(f, "BAD_EMAIL", "is not an email address.");
  }

  /** `Y` or `N`, any case. */
  flag(f: TFieldRef, isRequired: boolean): boolean | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    if (text === "Y" || text === "y") return true;
    if (text === "N" || text === "n") return false;
    return this.fail(f, "BAD_FLAG", "must be Y or N.");
  }

  /** A whole number of 1 to 9 digits. `min` is 0 or 1. */
  count(f: TFieldRef, { isRequired, min }: { isRequired: boolean; min: 0 | 1 }): number | null {
    const text = this.raw(f, isRequired);
    if (text === null) return null;
    const n = text.length <= 9 && isAllDigits(text) ? Number(text) : -1;
    if (n >= min) return n;
    return this.fail(
      f,
      "BAD_NUMBER",
      min === 1 ? "must be a whole number from 1." : "must be a whole number.",
    );
  }
}

/** The record ID of a line: its first field, trimmed. */
export const firstField = (text: string) => {
  const bar = text.indexOf("|");
  return (bar < 0 ? text : text.slice(0, bar)).trim();
};

export const isAllDigits = (text: string) => {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** Two digits at `at` as a number, or -1. */
const twoDigits = (text: string, at: number) => {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

const daysInMonth = (year: number, month: number) =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/** A real calendar date from numbers, as a UTC-midnight Date, or null. */
export const calendarDate = (year: number, month: number, day: number): Date | null => {
  if (year < MIN_FILE_YEAR || year > MAX_FILE_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return new Date(Date.UTC(year, month - 1, day));
};

/** "20240229" → 2024-02-29 at UTC midnight; null for anything else (20230229, 20240230, 2024-02-29). */
export const parseCompactDate = (text: string): Date | null => {
  if (text.length !== 8) return null;
  const cc = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  if (cc < 0 || yy < 0) return null;
  return calendarDate(cc * 100 + yy, twoDigits(text, 4), twoDigits(text, 6));
};

/** "02292024" or "02/29/2024" → 2024-02-29 at UTC midnight; null for anything else. */
export const parseUsDate = (text: string): Date | null => {
  let month: number, day: number, cc: number, yy: number;
  if (text.length === 8) {
    [month, day, cc, yy] = [twoDigits(text, 0), twoDigits(text, 2), twoDigits(text, 4), twoDigits(text, 6)];
  } else if (text.length === 10 && text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47 /* / */) {
    [month, day, cc, yy] = [twoDigits(text, 0), twoDigits(text, 3), twoDigits(text, 6), twoDigits(text, 8)];
  } else {
    return null;
  }
  if (cc < 0 || yy < 0) return null;
  return calendarDate(cc * 100 + yy, month, day);
};

/** A UTC-midnight Date as `CCYYMMDD`. */
export const formatCompactDate = (date: Date): string => {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  if (!Number.isFinite(y) || y < 0 || y > 9999) throw new RangeError("Not a valid calendar date");
  return `${String(y).padStart(4, "0")}${m < 10 ? "0" : ""}${m}${d < 10 ? "0" : ""}${d}`;
};

const AMOUNT_BAD = -1;
const AMOUNT_NEGATIVE = -2;
const AMOUNT_TOO_LARGE = -3;

/**
 * "125.40" → 12540, "125.4" → 12540, "125" → 12500 (ours: 0–2 decimals), "0.00" → 0. Returns
 * a negative sentinel for a negative amount, one too large, or anything else (signs other
 * than a leading minus, "$", ",", spaces, exponents, ".50", "1.").
 */
export const parseFileAmount = (text: string): number => {
  let i = 0;
  const n = text.length;
  let isNegative = false;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    isNegative = true;
    i = 1;
  }
  let whole = 0;
  let wholeDigits = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    // Leading zeros do not count towards the size limit.
    if (whole !== 0 || c !== 48) wholeDigits++;
    if (wholeDigits > 12) return AMOUNT_TOO_LARGE;
    whole = whole * 10 + (c - 48);
    i++;
  }
  if (i === (isNegative ? 1 : 0)) return AMOUNT_BAD; // no whole-dollar digits
  let fraction = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */) return AMOUNT_BAD;
    const places = n - i - 1;
    if (places < 1 || places > 2) return AMOUNT_BAD;
    const a = text.charCodeAt(i + 1) - 48;
    if (a < 0 || a > 9) return AMOUNT_BAD;
    fraction = a * 10;
    if (places === 2) {
      const b = text.charCodeAt(i + 2) - 48;
      if (b < 0 || b > 9) return AMOUNT_BAD;
      fraction += b;
    }
  }
  const cents = whole * 100 + fraction;
  if (isNegative) return cents === 0 ? 0 : AMOUNT_NEGATIVE;
  return cents > MAX_FILE_AMOUNT_CENTS ? AMOUNT_TOO_LARGE : cents;
};

/** Cents as decimal dollars with two places: 12540 → "125.40", 7 → "0.07". */
export const formatFileAmount = (cents: number): string => {
  if (!Number.isSafeInteger(cents) || cents < 0)
    throw new RangeError("Amount must be whole, non-negative cents");
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return `${whole}.${fraction < 10 ? "0" : ""}${fraction}`;
};

/** One "@", a non-empty local part, a dotted domain, no spaces. Deliverability is the mailer's job. */
export const isPlausibleEmail = (text: string) => {
  const at = text.indexOf("@");
  if (at <= 0 || at !== text.lastIndexOf("@")) return false;
  const dot = text.lastIndexOf(".");
  if (dot < at + 2 || dot === text.length - 1) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
  }
  return text.charCodeAt(at + 1) !== 46 && !text.includes("..");
};

/** USPS codes: the states, DC, the territories and the military "states". */
export const US_STATES: ReadonlySet<string> = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND " +
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW AA AE AP"
  ).split(" "),
);

/**
 * A value made safe for one pipe-delimited output field (ours): `|`, CR, LF and every other
 * control character become a space, so a value can never add a field or a line. Nothing is
 * escaped: the receiving system needs no unescaping rule.
 */
export const outputField = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return "";
  return /[|\u0000-\u001f\u007f]/.test(value) ? value.replace(/[|\u0000-\u001f\u007f]/g, " ") : value;
};

/** Values clipped to `max` characters after sanitising, for echoes of what a rejected row sent. */
export const echoField = (value: string | undefined, max: number): string =>
  outputField((value ?? "").trim().slice(0, max));

/** `|<field>|<code>|<reason>` for each error, for the acknowledgement files. */
export const formatErrorFields = (errors: readonly TFileError[]): string => {
  let out = "";
  for (const e of errors) out += `|${e.field}|${outputField(e.code)}|${outputField(e.reason)}`;
  return out;
};

/** The text of a file from its lines: each line ends with LF, including the last. */
export const joinLines = (lines: Iterable<string>): string => {
  let out = "";
  for (const line of lines) out += `${line}\n`;
  return out;
};
