import { describe, expect, it } from "vitest";
import { asCents, centsToDecimal, formatCents, parseDollarsToCents, splitCents, sumCents } from "@/lib/money";

describe("parseDollarsToCents", () => {
  it.each([
    ["19.99", 1999], // $19.99
    ["0.07", 7], // $0.07
    ["7", 700], // $7.00
    ["1.5", 150], // $1.50
    ["1.", 100], // $1.00
    [".5", 50], // $0.50
    ["100.00", 10000], // $100.00
    ["$1,250.50", 125050], // $1,250.50
    ["$1,250", 125000], // $1,250.00
    ["1,000,000", 100000000], // $1,000,000.00
    ["  42.10  ", 4210], // $42.10
    ["0", 0], // $0.00
    ["0.29", 29], // $0.29: 0.29 * 100 is 28.999… in floating point
  ])("reads %j as %j cents", (input, cents) => {
    expect(parseDollarsToCents(input)).toBe(cents);
  });

  it.each([
    "1.234",
    "-1",
    "-0.50",
    "+5",
    "abc",
    "",
    "   ",
    "$",
    ".",
    "1e3",
    "12.3.4",
    "1,23",
    "$$5",
    "5$",
    "1 000",
  ])("rejects %j", (input) => {
    expect(parseDollarsToCents(input)).toBeNull();
  });

  it("always returns a whole number of cents", () => {
    for (let cents = 0; cents < 10_000; cents += 7) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      expect(parseDollarsToCents(text)).toBe(cents);
    }
  });
});

describe("splitCents", () => {
  it.each([
    [10000, 3], // $100.00 in 3
    [12540, 4], // $125.40 in 4
    [89000, 7], // $890.00 in 7
    [1, 3], // $0.01 in 3
    [99999, 12], // $999.99 in 12
    [500, 1], // $5.00 in 1
  ])("splits %i cents into %i parts that sum to the total", (total, n) => {
    const parts = splitCents(asCents(total), n);
    expect(parts).toHaveLength(n);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    parts.forEach((p) => expect(Number.isInteger(p)).toBe(true));
  });

  it("puts the remainder on the last part", () => {
    expect(splitCents(asCents(10000), 3)).toEqual([3333, 3333, 3334]); // $33.33, $33.33, $33.34
    expect(splitCents(asCents(12540), 4)).toEqual([3135, 3135, 3135, 3135]); // $31.35 each
    expect(splitCents(asCents(1000), 6)).toEqual([166, 166, 166, 166, 166, 170]); // $1.66 ×5, $1.70
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s parts", (n) => {
    expect(() => splitCents(asCents(1000), n)).toThrow(RangeError);
  });
});

describe("asCents", () => {
  it("accepts whole numbers and refuses fractions of a cent", () => {
    expect(asCents(1999)).toBe(1999); // $19.99
    expect(() => asCents(19.99)).toThrow(RangeError);
    expect(() => asCents(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

describe("sumCents", () => {
  it("adds integer amounts", () => {
    expect(sumCents([8500, 2040, 2000])).toBe(12540); // $85.00 + $20.40 + $20.00 = $125.40
    expect(sumCents([])).toBe(0);
  });
});

describe("formatCents", () => {
  it("formats cents as dollars", () => {
    expect(formatCents(12540)).toBe("$125.40"); // $125.40
    expect(formatCents(7)).toBe("$0.07"); // $0.07
    expect(formatCents(125050)).toBe("$1,250.50"); // $1,250.50
  });
});

describe("centsToDecimal", () => {
  it("writes cents as a plain decimal without floats", () => {
    expect(centsToDecimal(1250)).toBe("12.50"); // $12.50
    expect(centsToDecimal(7)).toBe("0.07"); // $0.07
    expect(centsToDecimal(0)).toBe("0.00");
    expect(centsToDecimal(-12345)).toBe("-123.45"); // -$123.45
    expect(parseDollarsToCents(centsToDecimal(99999999))).toBe(99999999); // $999,999.99
  });
});
