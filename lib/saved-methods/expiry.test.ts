import { describe, expect, it } from "vitest";
import { expiryState, formatExpiry, parseExpiry } from "@/lib/saved-methods/expiry";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("expiryState", () => {
  const card = { expMonth: 1, expYear: 2027 }; // good through Jan 31, 2027

  it("is valid more than 60 days before the end of the expiry month", () => {
    expect(expiryState(card, day("2026-12-01"))).toBe("valid");
  });
  it("expires soon within 60 days of the end of the month, through its last day", () => {
    expect(expiryState(card, day("2026-12-02"))).toBe("expires_soon");
    expect(expiryState(card, day("2027-01-31"))).toBe("expires_soon");
  });
  it("is expired from the first day after the month", () => {
    expect(expiryState(card, day("2027-02-01"))).toBe("expired");
  });
  it("handles a December expiry (the year rolls over)", () => {
    expect(expiryState({ expMonth: 12, expYear: 2026 }, day("2026-12-31"))).toBe("expires_soon");
    expect(expiryState({ expMonth: 12, expYear: 2026 }, day("2027-01-01"))).toBe("expired");
  });
  it("calls a bank account (no expiry) valid", () => {
    expect(expiryState({ expMonth: null, expYear: null }, day("2030-01-01"))).toBe("valid");
  });
});

describe("parseExpiry and formatExpiry", () => {
  it.each([
    ["04/29", { expMonth: 4, expYear: 2029 }],
    ["4/2029", { expMonth: 4, expYear: 2029 }],
    [" 12 / 30 ", { expMonth: 12, expYear: 2030 }],
  ])("%j → %j", (input, parsed) => {
    expect(parseExpiry(input)).toEqual(parsed);
  });
  it.each(["13/29", "00/29", "4-29", "0429", "", "ab/cd"])("refuses %j", (input) => {
    expect(parseExpiry(input)).toBeNull();
  });
  it("writes MM/YY", () => {
    expect(formatExpiry(4, 2029)).toBe("04/29");
  });
});
