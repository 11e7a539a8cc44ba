import type { PaymentChannel, PaymentStatus } from "@/lib/generated/prisma/enums";
import { portalMetrics } from "@/lib/metrics/registry";

export type TPaymentOutcome = "approved" | "declined" | "failed" | "voided" | "returned";

/**
 * The outcome a payment reached when it left PENDING, as portal_payments_total names it: the
 * money taken (authorized, captured, settled, or refunded already by the time we heard), refused,
 * never charged, or undone before we heard of it.
 */
export const paymentOutcomeOf = (status: PaymentStatus): TPaymentOutcome | null => {
  switch (status) {
    case "PENDING":
      return null;
    case "AUTHORIZED":
    case "CAPTURED":
    case "SETTLED":
    case "PARTIALLY_REFUNDED":
    case "REFUNDED":
      return "approved";
    case "DECLINED":
      return "declined";
    case "FAILED":
      return "failed";
    case "VOIDED":
      return "voided";
    case "RETURNED":
      return "returned";
  }
};

/**
 * Counts a payment that just left PENDING for `to`, once: call it after the transaction that
 * made the move committed, and only when it did (the statements move a payment only from PENDING,
 * under its row lock, so a second path that finds it moved counts nothing).
 */
export const countPaymentOutcome = ({ to, channel }: { to: PaymentStatus; channel: PaymentChannel }) => {
  const outcome = paymentOutcomeOf(to);
  if (outcome) portalMetrics().payments.inc({ outcome, channel });
};
