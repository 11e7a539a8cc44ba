import { PaymentStatus, type PaymentMethodKind } from "@/lib/generated/prisma/enums";

/**
 * The moves a payment really makes at the gateway, one step at a time: an authorisation is
 * captured or voided, a capture settles or is voided the same day, a settled payment is refunded
 * (in part, then in full) or, for a bank debit, returned. PENDING is ours (the answer is not in
 * yet) and may become anything.
 */
const STEPS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: Object.values(PaymentStatus).filter((s) => s !== "PENDING"),
  AUTHORIZED: ["CAPTURED", "VOIDED", "DECLINED"],
  CAPTURED: ["SETTLED", "VOIDED"],
  SETTLED: ["PARTIALLY_REFUNDED", "REFUNDED", "RETURNED"],
  PARTIALLY_REFUNDED: ["REFUNDED", "RETURNED"],
  // End states: nothing the gateway does takes a payment out of them.
  DECLINED: [],
  FAILED: [],
  VOIDED: [],
  REFUNDED: [],
  RETURNED: [],
};

const reachable = (from: PaymentStatus): Set<PaymentStatus> => {
  const seen = new Set<PaymentStatus>();
  const queue = [...STEPS[from]];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...STEPS[next]);
  }
  return seen;
};

const REACHABLE = Object.fromEntries(
  (Object.keys(STEPS) as PaymentStatus[]).map((s) => [s, reachable(s)]),
) as Record<PaymentStatus, Set<PaymentStatus>>;

export const isEndState = (status: PaymentStatus) => STEPS[status].length === 0;

/**
 * Whether a payment in `current` may take the state the gateway reports, from any path (the
 * charge's answer, reconciliation, a webhook). Events arrive late and out of order, so a report
 * the payment has already moved past (an "approved" after the void, a "settled" after a refund)
 * is not applied; neither is a report that would take it out of an end state, nor a return of
 * anything but a bank debit (a card's money comes back by chargeback, its own event). Skipping
 * steps is fine: a refund can be the first we hear of a settlement.
 */
export const mayMoveTo = ({
  current,
  reported,
  methodKind,
}: {
  current: PaymentStatus;
  reported: PaymentStatus;
  methodKind: PaymentMethodKind;
}) => {
  if (reported === "RETURNED" && methodKind !== "ACH") return false;
  return REACHABLE[current].has(reported);
};
