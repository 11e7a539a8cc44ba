import { describe, expect, it } from "vitest";
import {
  ZTransactionFilters,
  decodeTransactionCursor,
  encodeTransactionCursor,
  filtersToSearchParams,
  reportChannelOf,
  transactionsHref,
} from "./filters";
import { csvCell, csvLine, practiceDateTime, transactionCsvCells } from "./csv";

const parse = (params: Record<string, string | string[]>) => ZTransactionFilters.safeParse(params);

describe("transactions filters from the address", () => {
  it("reads every filter, amounts as integer cents and days as calendar days", () => {
    const result = parse({
      from: "2026-12-01",
      to: "2026-12-06",
      status: "collected",
      method: "card",
      channel: "guest",
      min: "$12.50",
      max: "1,250",
      staff: "u1",
      receipt: " R-1 ",
      last4: "1111",
      account: "A-1001",
      batch: "b1",
      sort: "amount_desc",
    });
    expect(result.success).toBe(true);
    const f = result.data!;
    expect(f.from).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(f.to).toEqual(new Date("2026-12-06T00:00:00Z"));
    expect(f.min).toBe(1250); // $12.50
    expect(f.max).toBe(125000); // $1,250.00
    expect(f.receipt).toBe("R-1");
    expect(f.sort).toBe("amount_desc");
    expect(f.after).toBeNull();
  });

  it("takes empty fields as no filter and newest first as the order", () => {
    const f = ZTransactionFilters.parse({ from: "", status: "", min: "", sort: "" });
    expect(f).toMatchObject({
      from: undefined,
      status: undefined,
      min: undefined,
      sort: "newest",
      after: null,
    });
  });

  it("says what is wrong with each bad field", () => {
    const result = parse({
      from: "2026-02-30",
      to: "yesterday",
      status: "lost",
      min: "-5",
      last4: "12",
      sort: "random",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      from: "Enter a real start date.",
      to: "Enter the end date as YYYY-MM-DD.",
      status: "Choose a status from the list.",
      min: "Enter the smallest amount in dollars, like 25 or 25.00.",
      last4: "Enter the last 4 digits of the card or bank account.",
      sort: "Choose an order from the list.",
    });
  });

  it("refuses a range that ends before it starts, and amounts the wrong way round", () => {
    const result = parse({ from: "2026-12-06", to: "2026-12-01", min: "20", max: "10" });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["to", "The end date is before the start date."],
      ["max", "The largest amount is less than the smallest."],
    ]);
  });

  it("keeps a cursor only for the order it was made for", () => {
    const cursor = encodeTransactionCursor({
      sort: "newest",
      key: new Date("2026-12-06T10:00:00Z"),
      id: "p1",
    });
    expect(ZTransactionFilters.parse({ cursor }).after).toEqual({
      sort: "newest",
      key: new Date("2026-12-06T10:00:00Z"),
      id: "p1",
    });
    expect(parse({ cursor, sort: "amount_asc" }).success).toBe(false);
    expect(parse({ cursor: "not-a-cursor" }).success).toBe(false);
    expect(
      decodeTransactionCursor(
        encodeTransactionCursor({ sort: "amount_asc", key: 1999, id: "p2" }),
        "amount_asc",
      ),
    ).toEqual({ sort: "amount_asc", key: 1999, id: "p2" });
    expect(
      decodeTransactionCursor(
        encodeTransactionCursor({ sort: "amount_asc", key: 1.5, id: "p2" }),
        "amount_asc",
      ),
    ).toBeNull();
  });

  it("writes filters back into the address they were read from", () => {
    const params = {
      from: "2026-12-01",
      to: "2026-12-06",
      status: "refunds",
      channel: "staff",
      min: "0.07",
      max: "1250.00",
      last4: "4444",
      sort: "oldest",
    };
    const f = ZTransactionFilters.parse(params);
    expect(Object.fromEntries(filtersToSearchParams(f))).toEqual({ ...params, min: "0.07", max: "1250.00" });
    expect(ZTransactionFilters.parse(Object.fromEntries(filtersToSearchParams(f)))).toEqual(f);
    expect(transactionsHref({})).toBe("/staff/transactions");
    expect(transactionsHref({ status: "pending" }, { cursor: "abc" })).toBe(
      "/staff/transactions?status=pending&cursor=abc",
    );
  });

  it("names a WEB payment by whether a patient was signed in", () => {
    expect(reportChannelOf({ channel: "WEB", payerUserId: "u1" })).toBe("portal");
    expect(reportChannelOf({ channel: "WEB", payerUserId: null })).toBe("guest");
    expect(reportChannelOf({ channel: "STAFF_PHONE", payerUserId: null })).toBe("staff");
    expect(reportChannelOf({ channel: "MAIL", payerUserId: null })).toBe("staff");
    expect(reportChannelOf({ channel: "IMPORT", payerUserId: null })).toBe("import");
    expect(reportChannelOf({ channel: "PLAN", payerUserId: "u1" })).toBe("plan");
  });
});

describe("the transactions CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('Rivera, "Pat"')).toBe('"Rivera, ""Pat"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1,2")).toBe(`"'+1,2"`);
    expect(csvLine(["a", "b\nc"])).toBe('a,"b\nc"\r\n');
  });

  it("writes a payment with brand and last 4 only, amounts as decimals, the time on the practice's clock", () => {
    const cells = transactionCsvCells(
      {
        id: "p1",
        createdAt: new Date("2026-12-06T14:05:00Z"),
        receiptNumber: "R-1",
        accountNumber: "A-1001",
        payerName: "Pat Rivera",
        channel: "WEB",
        payerUserId: null,
        methodKind: "CARD",
        brand: "visa",
        last4: "1111",
        status: "PARTIALLY_REFUNDED",
        amountCents: 12540, // $125.40
        refundedCents: 500, // $5.00
        currency: "USD",
        takenByFirstName: null,
        takenByLastName: null,
      },
      "America/New_York",
    );
    expect(cells).toEqual([
      "2026-12-06 09:05",
      "R-1",
      "A-1001",
      "Pat Rivera",
      "Guest (no sign-in)",
      "Card",
      "Visa",
      "1111",
      "Partially refunded",
      "125.40",
      "5.00",
      "USD",
      "",
      "p1",
    ]);
    expect(practiceDateTime(new Date("2026-07-01T03:59:00Z"), "America/New_York")).toBe("2026-06-30 23:59");
  });
});
