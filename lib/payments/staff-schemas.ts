import { z } from "zod";
import { parseDollarsToCents, type Cents } from "@/lib/money";
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "@/lib/payments/refundable";

/** Staff void and refund forms. Safe to import on the client. */

const ZPaymentId = z.string().min(1).max(40);

export const ZStaffReason = z
  .string()
  .trim()
  .min(REASON_MIN_LENGTH, `Give a reason of at least ${REASON_MIN_LENGTH} characters.`)
  .max(REASON_MAX_LENGTH, `Keep the reason under ${REASON_MAX_LENGTH} characters.`);

/** A refund amount typed by a person ("5", "5.00", "$1,250.00") → integer cents, at least $0.01. */
export const ZRefundAmount = z
  .string()
  .trim()
  .min(1, "Enter an amount to refund.")
  .transform((value, ctx) => {
    const cents = parseDollarsToCents(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Enter an amount in dollars and cents, like 5.00." });
      return z.NEVER;
    }
    if (cents <= 0) {
      ctx.addIssue({ code: "custom", message: "Enter an amount greater than $0.00." });
      return z.NEVER;
    }
    return cents as Cents;
  });

export const ZVoidPaymentInput = z.object({ paymentId: ZPaymentId, reason: ZStaffReason });
export type TVoidPaymentInput = z.output<typeof ZVoidPaymentInput>;

export const ZRefundPaymentInput = z.object({
  paymentId: ZPaymentId,
  amount: ZRefundAmount,
  reason: ZStaffReason,
  /** Made when the refund dialog opens; kept across retries of the same refund. */
  idempotencyKey: z.string().uuid(),
});
export type TRefundPaymentInput = z.output<typeof ZRefundPaymentInput>;

/** 4500 → "45.00", for prefilling an amount field (string math, no float). */
export const centsToInput = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/** The highest large-refund threshold a practice may set: $1,000,000.00. */
export const MAX_REFUND_THRESHOLD_CENTS = 100_000_000;

/** The large-refund threshold typed by a person ("500", "$1,250.00") → integer cents, $0.00 and up. */
export const ZRefundThresholdInput = z.object({
  threshold: z
    .string()
    .trim()
    .min(1, "Enter an amount, like 500.00.")
    .transform((value, ctx) => {
      const cents = parseDollarsToCents(value);
      if (cents === null || cents < 0 || cents > MAX_REFUND_THRESHOLD_CENTS) {
        ctx.addIssue({
          code: "custom",
          message: "Enter an amount from $0.00 to $1,000,000.00, like 500.00.",
        });
        return z.NEVER;
      }
      return cents as Cents;
    }),
});
export type TRefundThresholdInput = z.output<typeof ZRefundThresholdInput>;
