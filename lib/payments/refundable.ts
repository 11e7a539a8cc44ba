import type { PaymentStatus, RefundKind, RefundStatus } from "@/lib/generated/prisma/enums";

/**
 * Pure money rules for staff voids and refunds (integer cents, no I/O), shared by the use
 * cases, the staff queries and their unit tests.
 */

export type TRefundLike = { kind: RefundKind; status: RefundStatus; amountCents: number };

/** Statuses a payment can be voided from: the gateway has not settled it yet. */
export const VOIDABLE_STATUSES: readonly PaymentStatus[] = ["AUTHORIZED", "CAPTURED"];

/**
 * Statuses a refund may be asked for. CAPTURED is here because our record may lag the
 * gateway's settlement batch: the use case asks the gateway before refusing.
 */
export const REFUNDABLE_STATUSES: readonly PaymentStatus[] = ["CAPTURED", "SETTLED", "PARTIALLY_REFUNDED"];

/**
 * What can still be refunded: the amount less every refund or void that succeeded or may
 * still succeed (PENDING: the gateway may have done it). Never negative.
 */
export const refundableCents = ({
  amountCents,
  refunds,
}: {
  amountCents: number;
  refunds: readonly TRefundLike[];
}): number => {
  const held = refunds
    .filter((r) => r.status === "SUCCEEDED" || r.status === "PENDING")
    .reduce((sum, r) => sum + r.amountCents, 0);
  return Math.max(0, amountCents - held);
};

/** The part of the refundable amount held by refunds whose outcome is not known yet. */
export const pendingRefundCents = (refunds: readonly TRefundLike[]): number =>
  refunds.filter((r) => r.status === "PENDING").reduce((sum, r) => sum + r.amountCents, 0);

/** A payment's status once `refundedCents` of its `amountCents` has been refunded. */
export const refundedStatusFor = ({
  amountCents,
  refundedCents,
}: {
  amountCents: number;
  refundedCents: number;
}): "REFUNDED" | "PARTIALLY_REFUNDED" => (refundedCents >= amountCents ? "REFUNDED" : "PARTIALLY_REFUNDED");

/**
 * Which statements get a refund's money back: the payment's allocations last first (the same
 * order as `restoreAllocations`), skipping what earlier refunds already gave back, never more
 * than was allocated to a statement. The parts sum to `amountCents` as long as the payment
 * covers it.
 */
export const refundParts = ({
  allocations,
  alreadyRefundedCents,
  amountCents,
}: {
  allocations: readonly { statementId: string; amountCents: number }[];
  alreadyRefundedCents: number;
  amountCents: number;
}): { statementId: string; amountCents: number }[] => {
  let skip = Math.max(0, alreadyRefundedCents);
  let left = Math.max(0, amountCents);
  const parts: { statementId: string; amountCents: number }[] = [];
  for (const a of [...allocations].reverse()) {
    if (left <= 0) break;
    const skipped = Math.min(a.amountCents, skip);
    skip -= skipped;
    const part = Math.min(a.amountCents - skipped, left);
    if (part > 0) {
      parts.push({ statementId: a.statementId, amountCents: part });
      left -= part;
    }
  }
  return parts;
};

/** What a staff member may do with a payment right now, as the payment page shows it. */
export const staffPaymentOptions = ({
  status,
  amountCents,
  refunds,
}: {
  status: PaymentStatus;
  amountCents: number;
  refunds: readonly TRefundLike[];
}) => {
  const refundable = refundableCents({ amountCents, refunds });
  const hasPendingVoid = refunds.some((r) => r.kind === "VOID" && r.status === "PENDING");
  return {
    refundableCents: refundable,
    pendingCents: pendingRefundCents(refunds),
    /** A pending void is retried by voiding again (same Refund row, same idempotency key). */
    canVoid: VOIDABLE_STATUSES.includes(status),
    canRefund: REFUNDABLE_STATUSES.includes(status) && refundable > 0 && !hasPendingVoid,
  };
};

/** Why a payment recorded from the practice's payment file (channel IMPORT) is not voided or refunded here. */
export const RECORDED_ELSEWHERE_MESSAGE =
  "This payment was taken outside the portal and recorded from the practice's payment file, so the processor never saw it. Void or refund it in the practice management system.";

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

/** A reason as stored: trimmed; null when it is too short or too long. */
export const normalizeReason = (reason: string): string | null => {
  const trimmed = reason.trim();
  return trimmed.length >= REASON_MIN_LENGTH && trimmed.length <= REASON_MAX_LENGTH ? trimmed : null;
};
