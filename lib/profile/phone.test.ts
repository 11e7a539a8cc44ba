import { describe, expect, it } from "vitest";
import { formatUsPhone, maskPhone, normalizeUsPhone } from "@/lib/profile/phone";

describe("US phone numbers", () => {
  it.each([
    ["(215) 555-0101", "2155550101"],
    ["215.555.0101", "2155550101"],
    ["215 555 0101", "2155550101"],
    ["+1 215-555-0101", "2155550101"],
    ["12155550101", "2155550101"],
    [" 2155550101 ", "2155550101"],
  ])("reads %s as %s", (input, stored) => {
    expect(normalizeUsPhone(input)).toBe(stored);
  });

  it.each(["", "12345", "555-0101", "(015) 555-0101", "(215) 155-0101", "215-555-010x", "+44 20 7946 0958"])(
    "refuses %j",
    (input) => {
      expect(normalizeUsPhone(input)).toBeNull();
    },
  );

  it("shows a stored number the way people write it, and masks it for messages", () => {
    expect(formatUsPhone("2155550101")).toBe("(215) 555-0101");
    expect(formatUsPhone(null)).toBe("");
    expect(maskPhone("2155550101")).toBe("••• ••• 0101");
  });
});
