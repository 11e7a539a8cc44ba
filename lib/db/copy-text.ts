/**
 * Rows for `COPY … FROM` in PostgreSQL's text format: columns separated by a tab, a row per
 * line, `\N` for null, and a backslash, tab, newline or carriage return in a value escaped.
 * Dates are calendar days (UTC midnight, as the file parsers make them).
 */

export type TCopyValue = string | number | Date | null | undefined;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** One value as COPY text. */
export const copyValue = (value: TCopyValue): string => {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (typeof value === "string")
    return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
  return `${String(value.getUTCFullYear()).padStart(4, "0")}-${two(value.getUTCMonth() + 1)}-${two(value.getUTCDate())}`;
};

/** One row as a COPY text line, with its line end. */
export const copyRow = (values: readonly TCopyValue[]): string => {
  let line = copyValue(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyValue(values[i])}`;
  return `${line}\n`;
};

/**
 * Text built line by line (COPY rows, acknowledgement lines) and kept as flat strings, joined
 * every thousand lines: a line made of values cut from a bigger input string would otherwise
 * keep that whole string alive, and a million small strings cost far more than their text.
 */
export class TextBuffer {
  rowCount = 0;
  private parts: string[] = [];
  private pending: string[] = [];

  /** Appends a line, with its line end. */
  push(line: string) {
    this.pending.push(line);
    this.rowCount++;
    if (this.pending.length === 1000) {
      this.parts.push(this.pending.join(""));
      this.pending = [];
    }
  }

  text(): string {
    return this.parts.join("") + this.pending.join("");
  }
}
