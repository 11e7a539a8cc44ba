import { describe, expect, it } from "vitest";
import { receiptFixture } from "@/lib/receipts/fixtures";
import { formatReceiptInstant, practiceAddressLines, receiptText } from "@/lib/receipts/format";

describe("formatReceiptInstant", () => {
  it("shows the instant in the practice's zone, with the zone named", () => {
    const at = new Date("2026-11-24T20:45:00Z");
    expect(formatReceiptInstant(at, "America/New_York")).toBe("Nov 24, 2026, 3:45 PM EST");
    expect(formatReceiptInstant(at, "America/Los_Angeles")).toBe("Nov 24, 2026, 12:45 PM PST");
  });
});

describe("practiceAddressLines", () => {
  it("leaves out what is missing", () => {
    expect(
      practiceAddressLines({ address1: "1 Main St", address2: null, city: null, state: "PA", zip: "19107" }),
    ).toEqual(["1 Main St", "PA 19107"]);
  });
});

describe("receiptText", () => {
  it("lists the facts, the statements paid and the refunds as plain strings", () => {
    const text = receiptText(
      receiptFixture({
        status: "PARTIALLY_REFUNDED",
        refundedCents: 500, // $5.00
        refunds: [
          {
            id: "rf_1",
            kind: "REFUND",
            status: "SUCCEEDED",
            amountCents: 500, // $5.00
            currency: "USD",
            reason: "Duplicate charge for the flu shot",
            createdAt: new Date("2026-11-25T15:00:00Z"),
          },
        ],
      }),
    );
    expect(text.practiceLines).toEqual([
      "Riverside Family Medicine",
      "1200 Walnut Street",
      "Philadelphia, PA 19107",
      "(215) 555-0142",
    ]);
    expect(Object.fromEntries(text.facts)).toEqual({
      "Receipt number": "R-20261124-7K3QX9",
      "Date and time": "Nov 24, 2026, 3:45 PM EST",
      Status: "Partially refunded",
      Amount: "$225.40",
      "Paid with": "Visa ••4242",
      "Authorization code": "A1B2C3",
      Account: "A-1001",
      Guarantor: "Pat Rivera",
      Patient: "Pat Rivera",
      Refunded: "$5.00",
    });
    expect(text.allocations).toEqual([
      ["Statement ST-1001", "$125.40"],
      ["Statement ST-1002", "$100.00"],
    ]);
    expect(text.total).toBe("$225.40");
    expect(text.refunds).toEqual([
      {
        label: "Refund",
        amount: "$5.00",
        date: "Nov 25, 2026, 10:00 AM EST",
        status: "Completed",
        reason: "Duplicate charge for the flu shot",
      },
    ]);
  });

  it("leaves out the authorization code when there is none", () => {
    const text = receiptText(receiptFixture({ status: "DECLINED", authorizationCode: null }));
    expect(text.facts.map(([label]) => label)).not.toContain("Authorization code");
    expect(text.status.label).toBe("Declined");
  });
});
