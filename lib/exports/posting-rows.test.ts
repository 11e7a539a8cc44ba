import { describe, expect, it } from "vitest";
import { instantAtWallTime } from "@/lib/dates";
import {
  businessDayOf,
  businessDayWindow,
  depositActionAndStatus,
  toDepositItem,
  formatCutoff,
  parseCutoff,
  postingFormatName,
  postingWriterFor,
  toPostingTransaction,
  type TPostingSource,
} from "@/lib/exports/posting-rows";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const NY = "America/New_York";
const window = (iso: string, cutoffMinutes: number) => {
  const { start, end } = businessDayWindow({ businessDay: day(iso), cutoffMinutes, timeZone: NY });
  return [start.toISOString(), end.toISOString(), (end.getTime() - start.getTime()) / 3_600_000];
};

describe("the business day", () => {
  it("is the calendar day with a midnight cut-off, 23 and 25 hours long when the clocks change", () => {
    expect(window("2026-03-02", 0)).toEqual(["2026-03-02T05:00:00.000Z", "2026-03-03T05:00:00.000Z", 24]);
    expect(window("2026-03-08", 0)).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z", 23]);
    expect(window("2026-11-01", 0)).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z", 25]);
  });

  it("runs from the cut-off of the day before to the day's own cut-off", () => {
    expect(window("2026-03-02", 17 * 60)).toEqual([
      "2026-03-01T22:00:00.000Z",
      "2026-03-02T22:00:00.000Z",
      24,
    ]);
    expect(window("2026-03-08", 17 * 60)).toEqual([
      "2026-03-07T22:00:00.000Z",
      "2026-03-08T21:00:00.000Z",
      23,
    ]);
    expect(window("2026-11-02", 17 * 60)).toEqual([
      "2026-11-01T22:00:00.000Z",
      "2026-11-02T22:00:00.000Z",
      24,
    ]);
  });

  it("takes a cut-off the clock skips an hour later, and one it shows twice at its first time", () => {
    // 02:30 does not exist on 2026-03-08 in New York: 03:30 EDT (07:30Z).
    expect(window("2026-03-08", 150)).toEqual(["2026-03-07T07:30:00.000Z", "2026-03-08T07:30:00.000Z", 24]);
    // 01:30 happens twice on 2026-11-01: the first, EDT (05:30Z); the next day starts there and is 25 hours.
    expect(window("2026-11-01", 90)).toEqual(["2026-10-31T05:30:00.000Z", "2026-11-01T05:30:00.000Z", 24]);
    expect(window("2026-11-02", 90)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z", 25]);
    expect(instantAtWallTime(day("2026-07-01"), 0, "UTC").toISOString()).toBe("2026-07-01T00:00:00.000Z");
  });

  it("puts a payment at or after the cut-off into the next business day", () => {
    const of = (iso: string, cutoffMinutes: number) =>
      businessDayOf({ at: new Date(iso), cutoffMinutes, timeZone: NY })
        .toISOString()
        .slice(0, 10);
    expect(of("2026-03-02T21:59:59.999Z", 17 * 60)).toBe("2026-03-02"); // 16:59:59 EST
    expect(of("2026-03-02T22:00:00.000Z", 17 * 60)).toBe("2026-03-03"); // 17:00 EST
    expect(of("2026-03-03T04:59:59.999Z", 0)).toBe("2026-03-02"); // 23:59:59 EST
    expect(of("2026-03-03T05:00:00.000Z", 0)).toBe("2026-03-03");
    // Every instant of a window belongs to its day, at both edges and across a DST change.
    for (const [iso, cutoff] of [
      ["2026-03-08", 150],
      ["2026-11-02", 90],
      ["2026-11-01", 0],
    ] as const) {
      const { start, end } = businessDayWindow({
        businessDay: day(iso),
        cutoffMinutes: cutoff,
        timeZone: NY,
      });
      expect(of(start.toISOString(), cutoff)).toBe(iso);
      expect(of(new Date(end.getTime() - 1).toISOString(), cutoff)).toBe(iso);
      expect(of(end.toISOString(), cutoff)).not.toBe(iso);
    }
  });

  it("reads and writes the cut-off as HH:MM", () => {
    expect([parseCutoff("17:00"), parseCutoff("00:00"), parseCutoff("23:59")]).toEqual([1020, 0, 1439]);
    expect([parseCutoff("24:00"), parseCutoff("5pm"), parseCutoff("7:00")]).toEqual([null, null, null]);
    expect(formatCutoff(1020)).toBe("17:00");
  });
});

const source: TPostingSource = {
  paymentId: "pay-1",
  kind: "payment",
  txId: "0123456789abcdef0123456789abcdef",
  gatewayId: "txn_1",
  methodKind: "CARD",
  brand: "visa",
  amountCents: 12540,
  authorizationCode: "AUTH01",
  status: "C",
  remittance: "in",
  txDate: "2026-03-02",
  receiptNumber: "R-0001",
  channel: "WEB",
  takenBy: null,
  declineCode: null,
  declineMessage: null,
  patientLastName: "Smith",
  patientFirstName: "Pat",
  patientMiddleName: "Q",
  accountNumber: "ACC-1001",
  guarantorFirstName: "Gail",
  guarantorLastName: "Smith",
  address1: null,
  address2: null,
  city: null,
  state: null,
  zip: null,
  statementNumbers: ["ST-1", "ST-2"],
  statementCents: [10000, 2540],
};

describe("a line's record", () => {
  it("carries the payment, its account and the statements it paid", () => {
    const tx = toPostingTransaction(source);
    expect(tx).toMatchObject({
      transactionType: "CreditCard",
      action: "AuthCapt",
      cardType: "VISA",
      transactionDate: day("2026-03-02"),
      guarantorFirstName: "Gail",
      additionalInfo: ["R-0001", "txn_1", "ST-1 ST-2"],
      responseCode: "00",
      claims: [
        { statementNumber: "ST-1", amountCents: 10000 },
        { statementNumber: "ST-2", amountCents: 2540 },
      ],
    });
  });

  it("writes a refund as Credit, a return as Return, a declined eCheck with the gateway's answer", () => {
    expect(toPostingTransaction({ ...source, kind: "refund", remittance: "back" }).action).toBe("Credit");
    expect(toPostingTransaction({ ...source, status: "CB" }).action).toBe("Return");
    const declined = toPostingTransaction({
      ...source,
      methodKind: "ACH",
      status: "D",
      remittance: null,
      declineCode: "R01",
      declineMessage: "Insufficient funds",
    });
    expect(declined).toMatchObject({ transactionType: "eCheck", cardType: null, responseCode: "R01" });
    // A payment applied to no statement names the guarantor as the patient.
    expect(toPostingTransaction({ ...source, patientLastName: null, patientFirstName: null })).toMatchObject({
      patientLastName: "Smith",
      patientFirstName: "Gail",
      patientMiddleName: null,
    });
  });

  it("maps the settlement items to the deposit file's action and status", () => {
    expect(
      ["SALE", "REFUND", "RETURN", "CHARGEBACK", "ERROR"].map((k) => depositActionAndStatus(k as "SALE")),
    ).toEqual([
      { action: "AuthCapt", status: "S" },
      { action: "Credit", status: "S" },
      { action: "Return", status: "RI" },
      { action: "Return", status: "CB" },
      { action: "AuthCapt", status: "SE" },
    ]);
  });

  it("gives a deposit line its item's action and status and its deposit", () => {
    expect(
      toDepositItem({
        ...source,
        traceNumber: "091000010000001",
        effectiveDate: "2026-03-04",
        itemKind: "CHARGEBACK",
      }),
    ).toMatchObject({
      action: "Return",
      status: "CB",
      traceNumber: "091000010000001",
      effectiveDate: day("2026-03-04"),
      amountCents: 12540,
    });
    // Cash (only ever from the practice's own file) has no card type.
    expect(toPostingTransaction({ ...source, methodKind: "CASH" })).toMatchObject({
      transactionType: "Cash",
      cardType: null,
    });
  });

  it("says which setting a format lacks", () => {
    const context = {
      format: "LOCKBOX_A" as const,
      settings: {
        merchantId: "M",
        storeId: "",
        terminalId: "",
        cutoffMinutes: 0,
        lockboxNumber: null,
        x12SenderId: null,
        x12ReceiverId: null,
        x12Account: null,
      },
      businessDay: day("2026-03-02"),
      practiceName: "P",
      npi: null,
      controlNumber: 1,
      createdDay: day("2026-03-03"),
      createdTime: "0100",
    };
    expect(postingWriterFor(context)).toMatch(/lockbox number/);
    expect(postingWriterFor({ ...context, format: "X12_835" })).toMatch(/sender and receiver/);
    expect(typeof postingWriterFor({ ...context, format: "IMDPA14" })).toBe("object");
    expect(typeof postingWriterFor({ ...context, format: "DEPOSIT_10" })).toBe("object");
    expect(postingFormatName("X12_835")).toBe("x12-835");
  });
});
