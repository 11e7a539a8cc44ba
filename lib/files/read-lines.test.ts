import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines, readLinesFromText, type TLine } from "@/lib/files/read-lines";

const collect = async (lines: AsyncIterable<TLine>) => {
  const out: TLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

const bytes = (text: string) => new TextEncoder().encode(text);

/** A web stream that delivers `data` in the given chunk sizes (the last size repeats). */
const webStream = (data: Uint8Array, sizes: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      let at = 0;
      let i = 0;
      while (at < data.length) {
        const size = sizes[Math.min(i++, sizes.length - 1)] ?? 1;
        controller.enqueue(data.slice(at, at + size));
        at += size;
      }
      controller.close();
    },
  });

const texts = (lines: TLine[]) => lines.map((l) => [l.lineNumber, l.text]);

describe("readLines", () => {
  it("splits LF and CRLF alike, and keeps a last line without a newline", async () => {
    const expected = [
      [1, "a|b"],
      [2, "c"],
      [3, "d"],
    ];
    expect(texts(await collect(readLinesFromText("a|b\nc\nd")))).toEqual(expected);
    expect(texts(await collect(readLinesFromText("a|b\r\nc\r\nd\r\n")))).toEqual(expected);
    expect(texts(await collect(readLinesFromText("a|b\r\nc\nd\r\n")))).toEqual(expected);
  });

  it("skips blank lines but counts them", async () => {
    const lines = await collect(readLinesFromText("\na\n\r\n   \nb\n\n"));
    expect(texts(lines)).toEqual([
      [2, "a"],
      [5, "b"],
    ]);
  });

  it("keeps a lone CR inside a line (only CRLF and LF end lines)", async () => {
    expect(texts(await collect(readLinesFromText("a\rb\n")))).toEqual([[1, "a\rb"]]);
  });

  it("drops a UTF-8 BOM at the start only", async () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("a\n\uFEFFb\n")]);
    expect(texts(await collect(readLines(webStream(data, [2]))))).toEqual([
      [1, "a"],
      [2, "\uFEFFb"],
    ]);
    expect(texts(await collect(readLinesFromText("\uFEFFa\n")))).toEqual([[1, "a"]]);
  });

  it("decodes a multi-byte character split across chunks, at every split point", async () => {
    const text = "José|Zoë|€5|𝄞\r\nnext\r\n";
    const data = bytes(text);
    for (let size = 1; size <= data.length; size++) {
      const lines = await collect(readLines(webStream(data, [size])));
      expect(texts(lines)).toEqual([
        [1, "José|Zoë|€5|𝄞"],
        [2, "next"],
      ]);
    }
    // A CR in one chunk and its LF in the next.
    const crlf = bytes("ab\r\ncd");
    expect(texts(await collect(readLines(webStream(crlf, [3, 10]))))).toEqual([
      [1, "ab"],
      [2, "cd"],
    ]);
  });

  it("reads a Node Readable of Buffers", async () => {
    const data = Buffer.from("é1\né2\n", "utf8");
    const stream = Readable.from([data.subarray(0, 1), data.subarray(1, 5), data.subarray(5)]);
    expect(texts(await collect(readLines(stream)))).toEqual([
      [1, "é1"],
      [2, "é2"],
    ]);
  });

  it("turns invalid UTF-8 into U+FFFD instead of failing the file", async () => {
    const data = new Uint8Array([...bytes("ok\n"), 0xff, ...bytes("bad\nok\n")]);
    expect(texts(await collect(readLines(webStream(data, [4]))))).toEqual([
      [1, "ok"],
      [2, "\uFFFDbad"],
      [3, "ok"],
    ]);
  });

  it("cuts an over-long line, marks it, and goes on with the next", async () => {
    const long = "x".repeat(50);
    for (const size of [1, 7, 1000]) {
      const lines = await collect(
        readLines(webStream(bytes(`short\n${long}\r\nnext\r\n${long}`), [size]), { maxLineLength: 20 }),
      );
      expect(lines).toEqual([
        { lineNumber: 1, text: "short", isTruncated: false },
        { lineNumber: 2, text: "x".repeat(20), isTruncated: true },
        { lineNumber: 3, text: "next", isTruncated: false },
        { lineNumber: 4, text: "x".repeat(20), isTruncated: true },
      ]);
    }
  });

  it("a line exactly at the limit is kept whole, CRLF or not", async () => {
    const exact = "y".repeat(20);
    for (const size of [1, 3, 1000]) {
      const lines = await collect(
        readLines(webStream(bytes(`${exact}\r\n${exact}\n${exact}`), [size]), { maxLineLength: 20 }),
      );
      expect(lines.map((l) => [l.text, l.isTruncated])).toEqual([
        [exact, false],
        [exact, false],
        [exact, false],
      ]);
    }
  });

  it("an empty stream has no lines", async () => {
    expect(await collect(readLines(webStream(new Uint8Array(), [1])))).toEqual([]);
    expect(await collect(readLinesFromText(""))).toEqual([]);
  });
});
