import { describe, expect, it } from "vitest";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { receiptStatusView } from "@/lib/receipts/status";

const view = (status: PaymentStatus, refundedCents = 0, declineCode: string | null = null) =>
  receiptStatusView({ status, amountCents: 5000, refundedCents, currency: "USD", declineCode }); // $50.00

describe("receiptStatusView", () => {
  it.each([
    ["PENDING", 0, "Processing", "Processing — we'll update this page"],
    ["AUTHORIZED", 0, "Approved", "Approved"],
    ["CAPTURED", 0, "Approved", "Approved"],
    ["SETTLED", 0, "Approved", "Approved"],
    ["VOIDED", 0, "Voided", "Voided"],
    ["REFUNDED", 5000, "Refunded", "Refunded $50.00"], // $50.00
    ["PARTIALLY_REFUNDED", 500, "Partially refunded", "Partially refunded"], // $5.00
    ["RETURNED", 0, "Returned", "Returned by your bank"],
    ["DECLINED", 0, "Declined", "Declined"],
    ["FAILED", 0, "Failed", "Failed"],
  ] as const)("%s reads %j / %j", (status, refunded, label, headline) => {
    expect(view(status, refunded)).toMatchObject({ label, headline });
  });

  it("says how much of a partly refunded payment came back", () => {
    expect(view("PARTIALLY_REFUNDED", 500).detail).toBe("Refunded $5.00 of $50.00."); // $5.00 of $50.00
  });

  it("a refunded payment with no refunded total recorded reads as the whole amount", () => {
    expect(view("REFUNDED", 0).headline).toBe("Refunded $50.00");
  });

  it("explains a decline in the same words as the pay form, and that nothing was charged", () => {
    expect(view("DECLINED", 0, "insufficient_funds").detail).toBe(
      "Your card was declined for insufficient funds. Try another card or a bank account. You were not charged.",
    );
  });

  it("counts only payments that took money as charged", () => {
    const charged = (
      [
        "PENDING",
        "AUTHORIZED",
        "CAPTURED",
        "SETTLED",
        "DECLINED",
        "FAILED",
        "VOIDED",
        "PARTIALLY_REFUNDED",
        "REFUNDED",
        "RETURNED",
      ] as const
    ).filter((s) => view(s).isCharged);
    expect(charged).toEqual(["AUTHORIZED", "CAPTURED", "SETTLED", "PARTIALLY_REFUNDED", "REFUNDED"]);
  });
});
