import { describe, expect, it } from "vitest";
import { PaymentStatus } from "@/lib/generated/prisma/enums";
import { paymentOutcomeOf } from "@/lib/payments/outcome-metrics";

describe("paymentOutcomeOf", () => {
  it("names the outcome of every status a payment can leave PENDING for, and none for PENDING", () => {
    const outcomes = Object.fromEntries(Object.values(PaymentStatus).map((s) => [s, paymentOutcomeOf(s)]));
    expect(outcomes).toEqual({
      PENDING: null,
      AUTHORIZED: "approved",
      CAPTURED: "approved",
      SETTLED: "approved",
      PARTIALLY_REFUNDED: "approved",
      REFUNDED: "approved",
      DECLINED: "declined",
      FAILED: "failed",
      VOIDED: "voided",
      RETURNED: "returned",
    });
  });
});
