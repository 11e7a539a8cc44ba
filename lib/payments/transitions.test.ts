import { describe, expect, it } from "vitest";
import { PaymentStatus } from "@/lib/generated/prisma/enums";
import { isEndState, mayMoveTo } from "@/lib/payments/transitions";

const ALL = Object.values(PaymentStatus);

const card = (current: PaymentStatus, reported: PaymentStatus) =>
  mayMoveTo({ current, reported, methodKind: "CARD" });
const ach = (current: PaymentStatus, reported: PaymentStatus) =>
  mayMoveTo({ current, reported, methodKind: "ACH" });

describe("mayMoveTo", () => {
  it("never takes a payment out of an end state", () => {
    for (const end of ["DECLINED", "FAILED", "VOIDED", "REFUNDED", "RETURNED"] as const) {
      expect(isEndState(end)).toBe(true);
      for (const reported of ALL) expect(ach(end, reported), `${end} → ${reported}`).toBe(false);
    }
  });

  it("follows the gateway's real moves, forwards only, and may skip a step it missed", () => {
    expect(card("CAPTURED", "VOIDED")).toBe(true); // a same-day void
    expect(card("CAPTURED", "SETTLED")).toBe(true);
    expect(card("CAPTURED", "PARTIALLY_REFUNDED")).toBe(true); // the settlement's event came later
    expect(card("SETTLED", "REFUNDED")).toBe(true);
    expect(card("PARTIALLY_REFUNDED", "REFUNDED")).toBe(true);
    expect(card("SETTLED", "CAPTURED")).toBe(false); // a late approval
    expect(card("SETTLED", "VOIDED")).toBe(false); // settled money is refunded, not voided
    expect(card("PARTIALLY_REFUNDED", "SETTLED")).toBe(false);
    expect(card("CAPTURED", "DECLINED")).toBe(false);
  });

  it("returns only a bank debit", () => {
    expect(ach("SETTLED", "RETURNED")).toBe(true);
    expect(ach("PENDING", "RETURNED")).toBe(true);
    for (const kind of ["CARD", "APPLE_PAY", "GOOGLE_PAY"] as const) {
      expect(mayMoveTo({ current: "SETTLED", reported: "RETURNED", methodKind: kind })).toBe(false);
    }
  });

  it("lets a payment that awaits its answer take any answer", () => {
    for (const reported of ALL.filter((s) => s !== "PENDING")) expect(ach("PENDING", reported)).toBe(true);
  });
});
