import { hasPermission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/money";

/**
 * The large-refund threshold: each practice sets one (`practice.largeRefundThresholdCents`,
 * $500.00 unless changed, by staff with `settings.manage`). A refund of more than it needs
 * `payments.refund.large`; one up to it, `payments.refund`. The amount of the one refund asked
 * for counts (not what earlier refunds of the payment gave back). Safe to import on the client.
 */
export const DEFAULT_LARGE_REFUND_THRESHOLD_CENTS = 50_000; // $500.00

/** The largest refund this role may make at the practice's threshold; null for no limit. */
export const refundLimitFor = (role: Role, thresholdCents: number): number | null =>
  hasPermission(role, "payments.refund.large") ? null : thresholdCents;

/** Is a refund of `amountCents` above the threshold (and so needs payments.refund.large)? */
export const isLargeRefund = (amountCents: number, thresholdCents: number) => amountCents > thresholdCents;

/** What a staff member without payments.refund.large is told, on the page and when refused. */
export const refundLimitMessage = (thresholdCents: number, currency = "USD") =>
  `You can refund up to ${formatCents(thresholdCents, currency)} at a time. A larger refund needs a billing manager or an administrator.`;
