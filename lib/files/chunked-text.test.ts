import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHUNK_CHARS, chunkedText } from "@/lib/files/chunked-text";

describe("chunkedText", () => {
  it("hands on the text in order, about 1 MB a chunk, with its SHA-256 and size in bytes", async () => {
    const stored: [number, string][] = [];
    const text = chunkedText(async (seq, content) => {
      stored.push([seq, content]);
    });
    const line = `é${"x".repeat(999)}\n`; // 1,000 characters, 1,001 bytes
    const lines = Math.ceil((2.5 * CHUNK_CHARS) / line.length);
    for (let i = 0; i < lines; i++) await text.write(line);
    await text.write("");
    const { byteCount, sha256 } = await text.finish();
    const whole = line.repeat(lines);
    expect(stored.map(([seq]) => seq)).toEqual([0, 1, 2]);
    expect(
      stored.slice(0, 2).every(([, c]) => c.length >= CHUNK_CHARS && c.length < CHUNK_CHARS + line.length),
    ).toBe(true);
    expect(stored.map(([, c]) => c).join("")).toBe(whole);
    expect(byteCount).toBe(Buffer.byteLength(whole));
    expect(sha256).toBe(createHash("sha256").update(whole).digest("hex"));
  });

  it("stores nothing for an empty file", async () => {
    const stored: string[] = [];
    const text = chunkedText(async (_seq, content) => {
      stored.push(content);
    });
    expect(await text.finish()).toEqual({ byteCount: 0, sha256: createHash("sha256").digest("hex") });
    expect(stored).toEqual([]);
  });
});
