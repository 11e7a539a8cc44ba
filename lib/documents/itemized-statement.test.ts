import { describe, expect, it } from "vitest";
import { itemizedStatementFixture } from "@/lib/documents/fixtures";
import {
  creditsToStatement,
  itemizedStatementText,
  itemizedSummaryCents,
} from "@/lib/documents/itemized-statement";

const day = (iso: string) => new Date(`${iso}T15:00:00Z`);

describe("creditsToStatement", () => {
  // A $100.00 payment: $60.00 to ST-A, then $40.00 to ST-B.
  const allocations = [
    { statementId: "st_a", amountCents: 6000 }, // $60.00
    { statementId: "st_b", amountCents: 4000 }, // $40.00
  ];
  const payment = { receiptNumber: "R-1", amountCents: 10000, returnedAt: null, allocations }; // $100.00

  it("gives refunds back last allocation first, as the ledger does, after earlier refunds", () => {
    const refunds = [
      { amountCents: 3000, createdAt: day("2026-11-01") }, // $30.00: all from ST-B
      { amountCents: 2500, createdAt: day("2026-11-02") }, // $25.00: $10.00 from ST-B, $15.00 from ST-A
    ];
    const forA = creditsToStatement({
      ...payment,
      statementId: "st_a",
      status: "PARTIALLY_REFUNDED",
      refunds,
    });
    const forB = creditsToStatement({
      ...payment,
      statementId: "st_b",
      status: "PARTIALLY_REFUNDED",
      refunds,
    });
    expect(forB.map((c) => [c.kind, c.amountCents])).toEqual([
      ["REFUND", 3000], // $30.00
      ["REFUND", 1000], // $10.00
    ]);
    expect(forA.map((c) => [c.kind, c.amountCents, c.at])).toEqual([["REFUND", 1500, day("2026-11-02")]]); // $15.00
    // Every cent of the refunds lands on exactly one statement.
    const total = [...forA, ...forB].reduce((sum, c) => sum + c.amountCents, 0);
    expect(total).toBe(5500); // $55.00
  });

  it("gives back what is left when the bank returns the payment, and nothing for a payment kept", () => {
    const refunds = [{ amountCents: 3000, createdAt: day("2026-11-01") }]; // $30.00 from ST-B
    const returned = { ...payment, status: "RETURNED" as const, returnedAt: day("2026-11-10"), refunds };
    expect(creditsToStatement({ ...returned, statementId: "st_a" })).toEqual([
      { receiptNumber: "R-1", at: day("2026-11-10"), kind: "RETURN", amountCents: 6000 }, // $60.00
    ]);
    expect(
      creditsToStatement({ ...returned, statementId: "st_b" }).map((c) => [c.kind, c.amountCents]),
    ).toEqual([
      ["REFUND", 3000], // $30.00
      ["RETURN", 1000], // $10.00
    ]);
    expect(creditsToStatement({ ...payment, statementId: "st_a", status: "SETTLED", refunds: [] })).toEqual(
      [],
    );
  });
});

describe("itemizedStatementText", () => {
  it("adds up from the patient's share to the balance now, naming any change the practice made", () => {
    const s = itemizedStatementFixture();
    // $95.00 due − $60.00 paid + $20.00 refunded = $55.00, the balance: nothing else changed it.
    expect(itemizedSummaryCents(s)).toEqual({
      paymentsCents: 6000,
      creditsCents: 2000,
      otherChangesCents: 0,
    });
    expect(itemizedStatementText(s, "en-US").summary).toEqual([
      ["Total charges", "$340.00"],
      ["Insurance paid", "-$190.00"],
      ["Adjustments", "-$55.00"],
      ["Patient responsibility", "$95.00"],
      ["Payments", "-$60.00"],
      ["Refunds and returns", "$20.00"],
      ["Balance now", "$55.00"],
    ]);
    // The practice's balance file later took $5.00 off: shown, so the column still adds up.
    const adjusted = itemizedStatementFixture({ balanceCents: 5000 }); // $50.00
    expect(itemizedSummaryCents(adjusted).otherChangesCents).toBe(-500); // -$5.00
    expect(itemizedStatementText(adjusted, "en-US").summary.slice(-2)).toEqual([
      ["Other changes by the practice", "-$5.00"],
      ["Balance now", "$50.00"],
    ]);
  });

  it("lists payments and refunds by date, marks a payment still processing, and says when there are none", () => {
    const s = itemizedStatementFixture({
      payments: [
        ...itemizedStatementFixture().payments,
        {
          receiptNumber: "R-20261125-DDDDDD",
          paidAt: new Date("2026-11-25T15:00:00Z"),
          method: { kind: "ACH", brand: "Chase", last4: "6789" },
          amountCents: 1000, // $10.00
          isProcessing: true,
        },
      ],
    });
    expect(itemizedStatementText(s, "en-US").payments).toEqual([
      ["Nov 5, 2026", "R-20261105-AAAAAA", "Payment: Visa ••4242", "-$60.00"],
      ["Nov 20, 2026", "R-20261105-AAAAAA", "Refund", "$20.00"],
      ["Nov 25, 2026", "R-20261125-DDDDDD", "Payment: Bank account ••6789 (Chase) (processing)", "-$10.00"],
    ]);
    const none = itemizedStatementText(
      itemizedStatementFixture({ payments: [], credits: [], lines: [] }),
      "en-US",
    );
    expect(none.payments).toEqual([]);
    expect(none.noPayments).toBe("No payments have been made on this statement.");
    expect(none.noLines).toContain("has not sent the service lines");
  });
});
