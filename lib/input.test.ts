import { describe, expect, it } from "vitest";
import { hasControlCharacter, hasNul } from "@/lib/input";

describe("input edges", () => {
  it("finds a control character anywhere in a text, and not in ordinary text", () => {
    for (const text of ["a\u0000b", "\tpat@example.com", "x\ny", "\u007f", "\u001f"]) {
      expect(hasControlCharacter(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ["pat@example.com", "Renée O'Brien", "ST-1001", "", "100 %"]) {
      expect(hasControlCharacter(text), JSON.stringify(text)).toBe(false);
    }
  });

  it("finds a NUL in a string, an array or an object, at any depth, but lets tabs and newlines be", () => {
    expect(hasNul("abc\u0000")).toBe(true);
    expect(hasNul(["ok", "b\u0000"])).toBe(true);
    expect(hasNul({ a: { b: ["c", "\u0000"] } })).toBe(true);
    expect(hasNul("line one\nline two\tend")).toBe(false);
    expect(hasNul({ a: 1, b: null, c: ["x"] })).toBe(false);
  });
});
