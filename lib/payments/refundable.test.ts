import { describe, expect, it } from "vitest";
import {
  normalizeReason,
  refundableCents,
  refundedStatusFor,
  refundParts,
  staffPaymentOptions,
  type TRefundLike,
} from "@/lib/payments/refundable";
import { centsToInput, ZRefundAmount, ZRefundPaymentInput } from "@/lib/payments/staff-schemas";

const refund = (
  amountCents: number,
  status: TRefundLike["status"],
  kind: TRefundLike["kind"] = "REFUND",
) => ({
  kind,
  status,
  amountCents,
});

describe("refundableCents", () => {
  it.each([
    { refunds: [], expected: 5000 }, // $50.00
    { refunds: [refund(500, "SUCCEEDED")], expected: 4500 }, // $5.00 done → $45.00
    { refunds: [refund(500, "PENDING")], expected: 4500 }, // a pending $5.00 holds its amount
    { refunds: [refund(500, "FAILED")], expected: 5000 }, // a failed one holds nothing
    { refunds: [refund(2000, "SUCCEEDED"), refund(3000, "SUCCEEDED")], expected: 0 }, // $20.00 + $30.00
    { refunds: [refund(5000, "SUCCEEDED", "VOID")], expected: 0 }, // voided
    { refunds: [refund(6000, "SUCCEEDED")], expected: 0 }, // never negative
  ])("$50.00 less $refunds → $expected", ({ refunds, expected }) => {
    expect(refundableCents({ amountCents: 5000, refunds })).toBe(expected);
  });
});

describe("refundedStatusFor", () => {
  it("is partial until the whole amount is refunded", () => {
    expect(refundedStatusFor({ amountCents: 5000, refundedCents: 500 })).toBe("PARTIALLY_REFUNDED");
    expect(refundedStatusFor({ amountCents: 5000, refundedCents: 4999 })).toBe("PARTIALLY_REFUNDED");
    expect(refundedStatusFor({ amountCents: 5000, refundedCents: 5000 })).toBe("REFUNDED");
  });
});

describe("refundParts", () => {
  const allocations = [
    { statementId: "A", amountCents: 10000 }, // $100.00
    { statementId: "B", amountCents: 12540 }, // $125.40
  ];

  it("takes from the last allocation first", () => {
    expect(refundParts({ allocations, alreadyRefundedCents: 0, amountCents: 12000 })).toEqual([
      { statementId: "B", amountCents: 12000 },
    ]);
  });

  it("skips what earlier refunds gave back, then moves to the previous allocation", () => {
    expect(refundParts({ allocations, alreadyRefundedCents: 12000, amountCents: 1000 })).toEqual([
      { statementId: "B", amountCents: 540 }, // $5.40
      { statementId: "A", amountCents: 460 }, // $4.60
    ]);
  });

  it("parts always sum to the refund and never exceed an allocation", () => {
    for (const [already, amount] of [
      [0, 22540],
      [1, 22539],
      [12540, 10000],
      [22539, 1],
      [7, 333],
    ] as const) {
      const parts = refundParts({ allocations, alreadyRefundedCents: already, amountCents: amount });
      expect(parts.reduce((s, p) => s + p.amountCents, 0)).toBe(amount);
      for (const p of parts) expect(Number.isInteger(p.amountCents) && p.amountCents > 0).toBe(true);
    }
    // Refunds of the whole payment, in any steps, give each statement exactly its allocation.
    const steps = [3, 12537, 5000, 5000];
    const given: Record<string, number> = {};
    let already = 0;
    for (const step of steps) {
      for (const p of refundParts({ allocations, alreadyRefundedCents: already, amountCents: step })) {
        given[p.statementId] = (given[p.statementId] ?? 0) + p.amountCents;
      }
      already += step;
    }
    expect(given).toEqual({ A: 10000, B: 12540 });
  });

  it("gives nothing beyond the payment", () => {
    expect(refundParts({ allocations, alreadyRefundedCents: 22540, amountCents: 100 })).toEqual([]);
  });
});

describe("staffPaymentOptions", () => {
  it("offers a void before settlement, a refund after, neither when done", () => {
    expect(staffPaymentOptions({ status: "CAPTURED", amountCents: 5000, refunds: [] })).toMatchObject({
      canVoid: true,
      canRefund: true, // the use case asks the gateway whether it has settled
    });
    expect(staffPaymentOptions({ status: "SETTLED", amountCents: 5000, refunds: [] })).toMatchObject({
      canVoid: false,
      canRefund: true,
      refundableCents: 5000,
    });
    expect(
      staffPaymentOptions({
        status: "PARTIALLY_REFUNDED",
        amountCents: 5000,
        refunds: [refund(500, "PENDING")],
      }),
    ).toMatchObject({ canRefund: true, refundableCents: 4500, pendingCents: 500 });
    for (const status of ["VOIDED", "REFUNDED", "DECLINED", "FAILED", "PENDING", "RETURNED"] as const) {
      expect(staffPaymentOptions({ status, amountCents: 5000, refunds: [] })).toMatchObject({
        canVoid: false,
        canRefund: false,
      });
    }
  });

  it("offers no refund while a void is pending", () => {
    expect(
      staffPaymentOptions({
        status: "CAPTURED",
        amountCents: 5000,
        refunds: [refund(5000, "PENDING", "VOID")],
      }),
    ).toMatchObject({ canVoid: true, canRefund: false });
  });
});

describe("reasons and amounts", () => {
  it("a reason is 3 to 500 characters, trimmed", () => {
    expect(normalizeReason("  Duplicate  ")).toBe("Duplicate");
    expect(normalizeReason(" ab ")).toBeNull();
    expect(normalizeReason("x".repeat(500))).toHaveLength(500);
    expect(normalizeReason("x".repeat(501))).toBeNull();
  });

  it.each([
    ["5", 500], // $5.00
    ["5.00", 500],
    ["$45.00", 4500],
    ["0.01", 1],
    ["1,250.00", 125000], // $1,250.00
  ])("refund amount %s → %i cents", (input, cents) => {
    expect(ZRefundAmount.parse(input)).toBe(cents);
  });

  it.each(["0", "0.00", "-5", "5.001", "abc", ""])("refuses refund amount %j", (input) => {
    expect(ZRefundAmount.safeParse(input).success).toBe(false);
  });

  it("the refund form needs a uuid idempotency key", () => {
    const base = { paymentId: "p1", amount: "5.00", reason: "Duplicate" };
    expect(ZRefundPaymentInput.safeParse({ ...base, idempotencyKey: crypto.randomUUID() }).success).toBe(
      true,
    );
    expect(ZRefundPaymentInput.safeParse({ ...base, idempotencyKey: "x" }).success).toBe(false);
  });

  it.each([
    [4500, "45.00"],
    [7, "0.07"],
    [125000, "1250.00"],
    [0, "0.00"],
  ])("centsToInput(%i) → %s", (cents, text) => {
    expect(centsToInput(cents)).toBe(text);
  });
});
