import { describe, expect, it } from "vitest";
import {
  formatCompactDate,
  formatFileAmount,
  isPlausibleEmail,
  outputField,
  parseCompactDate,
  parseFileAmount,
  parseUsDate,
} from "@/lib/files/fields";

describe("amounts", () => {
  it.each([
    ["125.40", 12540], // $125.40
    ["125.4", 12540],
    ["125", 12500],
    ["0.07", 7],
    ["0", 0],
    ["007.00", 700], // leading zeros
    ["9999999.99", 999_999_999], // the maximum
  ])("%s → %i cents", (text, cents) => {
    expect(parseFileAmount(text)).toBe(cents);
  });

  it.each(["", "-", ".5", "5.", "5.123", "5,00", "$5", " 5", "5e2", "0x10", "1..0", "١٢٣"])(
    "%j is not an amount",
    (text) => {
      expect(parseFileAmount(text)).toBe(-1);
    },
  );

  it("tells negative and too large apart", () => {
    expect(parseFileAmount("-0.01")).toBe(-2);
    expect(parseFileAmount("10000000.00")).toBe(-3);
    expect(parseFileAmount("1".repeat(400))).toBe(-3);
  });

  it.each([
    [12540, "125.40"],
    [7, "0.07"],
    [0, "0.00"],
    [100000, "1000.00"],
  ])("formats %i cents as %s", (cents, text) => {
    expect(formatFileAmount(cents)).toBe(text);
    expect(parseFileAmount(text)).toBe(cents);
  });
});

describe("dates", () => {
  it("CCYYMMDD with leap years", () => {
    expect(parseCompactDate("20240229")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseCompactDate("20000229")).toEqual(new Date("2000-02-29T00:00:00Z"));
    expect(parseCompactDate("19000229")).toBeNull();
    expect(parseCompactDate("20230229")).toBeNull();
    expect(parseCompactDate("20240230")).toBeNull();
    expect(parseCompactDate("20241231")).toEqual(new Date("2024-12-31T00:00:00Z"));
    expect(parseCompactDate("21000101")).toBeNull(); // after 2099
  });

  it("MMDDCCYY and MM/DD/CCYY", () => {
    expect(parseUsDate("02292024")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseUsDate("02/29/2024")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseUsDate("02/30/2024")).toBeNull();
    expect(parseUsDate("2/29/2024")).toBeNull();
    expect(parseUsDate("02-29-2024")).toBeNull();
  });

  it("formats a UTC-midnight day back", () => {
    expect(formatCompactDate(new Date("2024-03-05T00:00:00Z"))).toBe("20240305");
    expect(() => formatCompactDate(new Date("x"))).toThrow(RangeError);
  });
});

describe("output and email", () => {
  it("makes a value safe for one field", () => {
    expect(outputField("a|b\r\nc\td")).toBe("a b  c d");
    expect(outputField(null)).toBe("");
    expect(outputField("José")).toBe("José");
  });

  it.each([
    ["pat@example.com", true],
    ["a.b+c@sub.example.org", true],
    ["pat@example", false],
    ["@example.com", false],
    ["pat@@example.com", false],
    ["pat@.example.com", false],
    ["pat@example.com.", false],
    ["pat@exa..mple.com", false],
    ["pat @example.com", false],
  ])("%s is an email: %s", (text, expected) => {
    expect(isPlausibleEmail(text)).toBe(expected);
  });
});
