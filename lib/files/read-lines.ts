/**
 * Splits an incoming file into lines without holding the file in memory (docs/files.md,
 * "Reading lines"). Works on a web `ReadableStream<Uint8Array>` (an upload's `File.stream()`)
 * and on anything async-iterable of bytes or strings (a Node `Readable` from
 * `fs.createReadStream`).
 *
 * - Lines end with LF or CRLF; one CR before the LF is removed. A lone CR is not a line end.
 * - UTF-8, decoded across chunk boundaries; a BOM at the start is dropped. Invalid bytes become
 *   U+FFFD, which the row parsers reject as BAD_CHARACTER (one bad row, not a failed file).
 * - A last line without a newline is still a line.
 * - Line numbers count every physical line from 1, blank ones included, so they match what an
 *   editor shows; blank (empty or all-whitespace) lines are not yielded.
 * - A line longer than `maxLineLength` characters is cut there and yielded with
 *   `isTruncated: true` (the rest of it is read and dropped), so one runaway line cannot
 *   exhaust memory; row parsers reject it as LINE_TOO_LONG.
 */

export type TLine = { lineNumber: number; text: string; isTruncated: boolean };

/** Longest line kept (ours): far above any layout's longest valid row (about 3,000 characters). */
export const DEFAULT_MAX_LINE_LENGTH = 16_384;

export type TLineSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

async function* chunksOf(source: TLineSource): AsyncGenerator<Uint8Array | string> {
  if ("getReader" in source && typeof source.getReader === "function") {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array | string>;
}

const isBlank = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
};

export async function* readLines(
  source: TLineSource,
  { maxLineLength = DEFAULT_MAX_LINE_LENGTH }: { maxLineLength?: number } = {},
): AsyncGenerator<TLine> {
  const decoder = new TextDecoder("utf-8"); // not fatal: bad bytes → U+FFFD; strips a leading BOM
  let carry = ""; // the start of a line whose end has not arrived yet
  let isDropping = false; // inside an over-long line, past what we keep
  let lineNumber = 0;
  let isFirstText = true;

  const finish = (text: string, isTruncated: boolean): TLine | null => {
    lineNumber++;
    if (isBlank(text)) return null;
    return { lineNumber, text, isTruncated };
  };

  /** A complete line as read (its LF removed): drop one CR, then cut it to the limit. */
  const complete = (whole: string): TLine | null => {
    const text = whole.endsWith("\r") ? whole.slice(0, -1) : whole;
    return text.length > maxLineLength ? finish(text.slice(0, maxLineLength), true) : finish(text, false);
  };

  const take = function* (text: string): Generator<TLine> {
    if (isFirstText && text.length > 0) {
      isFirstText = false;
      // String chunks did not go through the decoder, which drops the BOM for bytes.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const lf = text.indexOf("\n", start);
      if (lf < 0) break;
      if (isDropping) {
        isDropping = false;
        const line = finish(carry, true);
        if (line) yield line;
      } else {
        const line = complete(carry.length === 0 ? text.slice(start, lf) : carry + text.slice(start, lf));
        if (line) yield line;
      }
      carry = "";
      start = lf + 1;
    }
    if (start < text.length && !isDropping) {
      carry = carry.length === 0 ? text.slice(start) : carry + text.slice(start);
      // Keep one character more than the limit so a trailing CR can still be told apart.
      if (carry.length > maxLineLength + 1) {
        carry = carry.slice(0, maxLineLength);
        isDropping = true;
      }
    }
  };

  for await (const chunk of chunksOf(source)) {
    yield* take(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* take(decoder.decode());
  if (isDropping) {
    const line = finish(carry, true);
    if (line) yield line;
  } else if (carry.length > 0) {
    const line = complete(carry);
    if (line) yield line;
  }
}

/** Lines from a string already in memory (tests, small uploads): the same rules as `readLines`. */
export const readLinesFromText = (text: string, options?: { maxLineLength?: number }) =>
  readLines(
    (async function* () {
      yield text;
    })(),
    options,
  );
