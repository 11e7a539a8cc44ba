import { describe, expect, it } from "vitest";
import {
  abaValid,
  detectBrand,
  formatCardNumber,
  formatExpiry,
  luhnValid,
  parseExpiry,
  validateAch,
  validateCard,
} from "./hosted/rules.js";
import { achOutcome, cardOutcome } from "./test-numbers";

const JUNE_2026 = new Date("2026-06-15T12:00:00Z");

describe("card rules (shared by the hosted page and the server)", () => {
  it("every documented test number passes the Luhn check and has a brand", () => {
    for (const n of [
      "4111111111111111",
      "5555555555554444",
      "378282246310005",
      "6011111111111117",
      "4000000000000002",
      "4000000000009995",
      "4000000000000069",
      "4000000000000127",
      "4000000000000036",
      "4000000000000119",
      "4000000000000259",
    ]) {
      expect(luhnValid(n), n).toBe(true);
      expect(detectBrand(n), n).not.toBeNull();
    }
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("41111")).toBe(false);
  });

  it("detects brands from the leading digits, also while typing", () => {
    expect(detectBrand("4")).toBe("visa");
    expect(detectBrand("34")).toBe("amex");
    expect(detectBrand("37")).toBe("amex");
    expect(detectBrand("51")).toBe("mastercard");
    expect(detectBrand("2221")).toBe("mastercard");
    expect(detectBrand("2720")).toBe("mastercard");
    expect(detectBrand("2721")).toBeNull();
    expect(detectBrand("6011")).toBe("discover");
    expect(detectBrand("65")).toBe("discover");
    expect(detectBrand("622126")).toBe("discover");
    expect(detectBrand("9")).toBeNull();
  });

  it("spaces the number as typed: 4-4-4-4, American Express 4-6-5", () => {
    expect(formatCardNumber("4111111111111111")).toBe("4111 1111 1111 1111");
    expect(formatCardNumber("41111")).toBe("4111 1");
    expect(formatCardNumber("4111 1111-1111x1111")).toBe("4111 1111 1111 1111");
    expect(formatCardNumber("378282246310005")).toBe("3782 822463 10005");
    expect(formatCardNumber("37828")).toBe("3782 8");
    expect(formatCardNumber("")).toBe("");
  });

  it("formats and parses MM/YY", () => {
    expect(formatExpiry("1")).toBe("1");
    expect(formatExpiry("4")).toBe("04");
    expect(formatExpiry("12")).toBe("12");
    expect(formatExpiry("12/")).toBe("12/");
    expect(formatExpiry("123")).toBe("12/3");
    expect(formatExpiry("12/345")).toBe("12/34");
    expect(parseExpiry("04/29")).toEqual({ month: 4, year: 2029 });
    expect(parseExpiry("4/2029")).toEqual({ month: 4, year: 2029 });
    expect(parseExpiry("00/29")).toBeNull();
    expect(parseExpiry("0429")).toBeNull();
  });

  it("validates a card; the CVV and ZIP are checked, not returned", () => {
    const result = validateCard(
      { number: "3782 822463 10005", expiry: "06/26", cvv: "1234", zip: "19103" },
      JUNE_2026,
    );
    expect(result).toEqual({
      ok: true,
      value: { number: "378282246310005", brand: "amex", last4: "0005", exp_month: 6, exp_year: 2026 },
    });
    const bad = validateCard({ number: "", expiry: "05/26", cvv: "", zip: "abcde" }, JUNE_2026);
    expect(bad).toEqual({
      ok: false,
      fields: {
        number: "Enter the card number.",
        expiry: "This card has expired. Check the date or use another card.",
        cvv: "Enter the 3-digit security code on the back of the card.",
        zip: "Enter the 5-digit billing ZIP code.",
      },
    });
    expect(
      validateCard({ number: "4111111111111111", expiry: "12/49", cvv: "123", zip: "19103" }, JUNE_2026).ok,
    ).toBe(false);
  });

  it("checks the ABA routing checksum and the account number", () => {
    expect(abaValid("011000015")).toBe(true);
    expect(abaValid("021000021")).toBe(true);
    expect(abaValid("011000016")).toBe(false);
    expect(abaValid("01100001")).toBe(false);
    expect(
      validateAch({ routing_number: "011000015", account_number: "1234", account_type: "savings" }),
    ).toEqual({
      ok: true,
      value: {
        routing_number: "011000015",
        account_number: "1234",
        last4: "1234",
        bank_account_type: "savings",
      },
    });
    expect(validateAch({ routing_number: "", account_number: "12a4", account_type: "" })).toMatchObject({
      ok: false,
      fields: {
        routing_number: expect.any(String),
        account_number: expect.any(String),
        account_type: expect.any(String),
      },
    });
  });

  it("maps test numbers to outcomes (any other valid number is approved)", () => {
    expect(cardOutcome("4111111111111111")).toBe("approved");
    expect(cardOutcome("4242424242424242")).toBe("approved");
    expect(cardOutcome("4000000000000002")).toBe("declined_generic");
    expect(cardOutcome("4000000000009995")).toBe("declined_insufficient_funds");
    expect(cardOutcome("4000000000000069")).toBe("declined_expired_card");
    expect(cardOutcome("4000000000000127")).toBe("declined_cvv_mismatch");
    expect(cardOutcome("4000000000000036")).toBe("declined_zip_mismatch");
    expect(cardOutcome("4000000000000119")).toBe("processor_error");
    expect(cardOutcome("4000000000000259")).toBe("approved_no_response");
    expect(achOutcome("123456789")).toBe("approved");
    expect(achOutcome("12340000")).toBe("ach_return_r01");
  });
});
