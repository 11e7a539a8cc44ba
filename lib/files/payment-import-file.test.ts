import { describe, expect, it } from "vitest";
import { digitCount, hasLongDigitRun, lastDigitsOf } from "@/lib/files/card-number";
import {
  formatPaymentImportAckLine,
  parsePaymentImportLines,
  parsePaymentImportRow,
  writePaymentImportAck,
} from "@/lib/files/payment-import-file";
import { readLinesFromText } from "@/lib/files/read-lines";

/** A full card number that passes Luhn; it must never come back out of the parser. */
const CARD = "4111111111111111";

// Hand-written rows, every field in place (38 fields: the published 37 and our statement number).
const CASH =
  "IMPTI10|M1|S1|T1|Cash|AuthCapt|20261120|40.00||||||||Pat Smith|||1 Main St||Philadelphia|PA|19103|US|2155550100|pat@example.com|Smith|Pat||A-1001|1 Main St||Philadelphia|PA|19103|US|2155550100|";
const CARD_ROW =
  "IMPTI10|M1|S1|T2|CreditCard|AuthCapt|20261121|125.40|VISA||************1111|092027||A1B2C3|Y|Pat Smith|||||||||||Smith|Pat||A-1001||||||||S-2001";
const CHECK_ROW = "IMPTI10||||Check|AuthCapt|20261121|60||Checking|1043||011000015|||||||||||||||||A-1001";

/** `row` with fields replaced by their 1-based position. */
const patch = (row: string, fields: Record<number, string>) => {
  const f = row.split("|");
  for (const [k, v] of Object.entries(fields)) f[Number(k) - 1] = v;
  return f.join("|");
};

const codesOf = (text: string) => {
  const result = parsePaymentImportRow(text);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe("IMPTI10 rows", () => {
  it("reads a cash row", () => {
    const result = parsePaymentImportRow(CASH);
    expect(result).toMatchObject({
      ok: true,
      requestType: "IMPTI10",
      record: {
        merchantId: "M1",
        type: "Cash",
        action: "AuthCapt",
        transactionDate: new Date("2026-11-20T00:00:00Z"),
        amountCents: 4000,
        last4: null,
        holderName: "Pat Smith",
        holderState: "PA",
        patientLastName: "Smith",
        accountNumber: "A-1001",
        statementNumber: null,
      },
    });
  });

  it("reads a card row: masked number to its last 4, card type, expiry, authorization, the named statement", () => {
    expect(parsePaymentImportRow(CARD_ROW)).toMatchObject({
      ok: true,
      record: {
        type: "CreditCard",
        amountCents: 12540,
        cardType: "VISA",
        last4: "1111",
        cardExpiry: { month: 9, year: 2027 },
        authorizationNumber: "A1B2C3",
        isSwiped: true,
        statementNumber: "S-2001",
      },
    });
  });

  it("reads a check row of 30 fields: a short check number, the routing number, any case", () => {
    expect(parsePaymentImportRow(CHECK_ROW)).toMatchObject({
      ok: true,
      record: { type: "Check", amountCents: 6000, checkAccountType: "Checking", last4: "1043" },
    });
    expect(parsePaymentImportRow(patch(CHECK_ROW, { 5: "CHECK", 6: "authcapt", 11: "57" }))).toMatchObject({
      ok: true,
      record: { type: "Check", last4: "57" },
    });
  });

  it.each([
    ["1111", "1111"],
    ["XXXX-XXXX-XXXX-1111", "1111"],
    ["411111******1111", "1111"],
    ["•••• 1111", "1111"],
  ])("takes the last 4 of %s", (value, last4) => {
    expect(parsePaymentImportRow(patch(CARD_ROW, { 11: value }))).toMatchObject({
      ok: true,
      record: { last4 },
    });
  });

  it.each([
    [CARD, "no separators"],
    ["4111 1111 1111 1111", "spaces"],
    ["4111-1111-1111-1111", "hyphens"],
    ["4111111111111112", "a number that fails Luhn"],
    ["411111111111", "12 digits"],
    ["4111111111111111111", "19 digits"],
    ["41111111111111111111111", "more than 19 digits"],
  ])("refuses a full card number in field 11 (%s: %s), without quoting it", (value) => {
    for (const row of [CARD_ROW, CASH, CHECK_ROW]) {
      const result = parsePaymentImportRow(patch(row, { 11: value }));
      expect(result.ok).toBe(false);
      expect(codesOf(patch(row, { 11: value }))).toEqual(["11:FULL_CARD_NUMBER"]);
      const digits = value.replace(/\D/g, "");
      expect(JSON.stringify(result)).not.toContain(digits);
      expect(JSON.stringify(result)).not.toContain(value);
      expect(JSON.stringify(result)).not.toContain(digits.slice(0, 12));
    }
  });

  it("refuses a full card number in the fields the portal keeps (authorization, holder name)", () => {
    expect(codesOf(patch(CARD_ROW, { 14: "4111 1111 1111 1111", 16: `Pat ${CARD}` }))).toEqual([
      "14:FULL_CARD_NUMBER",
      "16:FULL_CARD_NUMBER",
    ]);
  });

  it("never echoes a card number sent as the record ID", () => {
    const result = parsePaymentImportRow(`${CARD}|x`);
    expect(result).toMatchObject({ ok: false, requestType: "" });
    expect(codesOf(`${CARD}|x`)).toEqual(["1:BAD_RECORD_ID"]);
    expect(formatPaymentImportAckLine({ lineNumber: 3, result })).not.toContain("1111111111");
  });

  it.each([
    [{ 11: "111" }, "11:BAD_LAST4"],
    [{ 11: "11111" }, "11:BAD_LAST4"],
    [{ 11: "last 1111" }, "11:BAD_LAST4"],
    [{ 5: "Debit" }, "5:BAD_TYPE"],
    [{ 6: "Sale" }, "6:BAD_ACTION"],
    [{ 6: "Credit" }, "6:UNSUPPORTED_ACTION"],
    [{ 7: "20261131" }, "7:BAD_DATE"],
    [{ 8: "0.00" }, "8:BAD_AMOUNT"],
    [{ 8: "-5.00" }, "8:NEGATIVE_AMOUNT"],
    [{ 8: "$5" }, "8:BAD_AMOUNT"],
    [{ 9: "DINERS" }, "9:BAD_CARD_TYPE"],
    [{ 10: "Money market" }, "10:BAD_ACCOUNT_TYPE"],
    [{ 12: "132027" }, "12:BAD_EXPIRY"],
    [{ 13: "011000016" }, "13:BAD_ROUTING_NUMBER"],
    [{ 14: "A".repeat(21) }, "14:TOO_LONG"],
    [{ 15: "maybe" }, "15:BAD_FLAG"],
    [{ 22: "ZZ" }, "22:BAD_STATE"],
    [{ 26: "not-an-email" }, "26:BAD_EMAIL"],
    [{ 30: "" }, "30:MISSING_FIELD"],
    [{ 38: "S" }, "38:TOO_SHORT"],
  ])("refuses %o with %s", (fields, code) => {
    expect(codesOf(patch(CARD_ROW, fields))).toEqual([code]);
  });

  it("reports every bad field in field order, and record-level errors alone", () => {
    expect(codesOf(patch(CARD_ROW, { 8: "", 5: "", 7: "x" }))).toEqual([
      "5:MISSING_FIELD",
      "7:BAD_DATE",
      "8:MISSING_FIELD",
    ]);
    expect(codesOf(CARD_ROW.split("|").slice(0, 29).join("|"))).toEqual(["0:FIELD_COUNT"]);
    expect(codesOf(`${CARD_ROW}|extra`)).toEqual(["0:FIELD_COUNT"]);
    expect(codesOf(patch(CARD_ROW, { 1: "IMPSCIF" }))).toEqual(["1:BAD_RECORD_ID"]);
    expect(parsePaymentImportRow({ text: CARD_ROW, isTruncated: true })).toMatchObject({
      ok: false,
      errors: [{ field: 0, code: "LINE_TOO_LONG" }],
    });
  });
});

describe("IMIA10 acknowledgement", () => {
  it("writes one line per non-blank input line, with the line number and each error's field, code and reason", async () => {
    const text = `${CASH}\n\n${patch(CARD_ROW, { 11: CARD })}\r\nIMPTI10|short\n`;
    const entries = [];
    for await (const entry of parsePaymentImportLines(readLinesFromText(text))) entries.push(entry);
    const ack = writePaymentImportAck([
      entries[0]!,
      entries[1]!,
      entries[2]!,
      {
        lineNumber: 5,
        result: { ok: true, requestType: "IMPTI10" },
        extraErrors: [
          { field: 30, code: "UNKNOWN_ACCOUNT", reason: "Patient account number (field 30) is X." },
        ],
      },
    ]);
    expect(ack).toBe(
      "IMIA10|1|IMPTI10|A\n" +
        "IMIA10|3|IMPTI10|R|11|FULL_CARD_NUMBER|Card or check number (field 11) holds a full card or account number. Send only the last 4 digits: the portal never records a full number, and this row was not recorded.\n" +
        "IMIA10|4|IMPTI10|R|0|FIELD_COUNT|The record (field 0) has 2 fields; a payment row has 30 to 38.\n" +
        "IMIA10|5|IMPTI10|R|30|UNKNOWN_ACCOUNT|Patient account number (field 30) is X.\n",
    );
    expect(ack).not.toContain("111111111111");
  });
});

describe("card numbers", () => {
  it("counts digits and finds long runs across separators only", () => {
    expect(digitCount("a1b2 3")).toBe(3);
    expect(hasLongDigitRun("4111 1111.1111-1111")).toBe(true);
    expect(hasLongDigitRun("4111x1111x1111x1111")).toBe(false);
    expect(hasLongDigitRun("215 555 0100")).toBe(false);
  });

  it("takes the digits at the end after a mask", () => {
    expect(lastDigitsOf("****1234", 4)).toBe("1234");
    expect(lastDigitsOf("57", 1)).toBe("57");
    expect(lastDigitsOf("57", 4)).toBeNull();
    expect(lastDigitsOf("1234a", 4)).toBeNull();
    expect(lastDigitsOf("ab1234", 4)).toBeNull();
  });
});
