import { z } from "zod";
import { ZAmount } from "@/lib/payments/schemas";

const ZId = z.string().min(1).max(40);
const ZAccept = z.literal("yes", { error: "Tick the box to accept the autopay authorization." });

/** The Autopay page's forms (the limit is dollars as typed, at least $1.00, into cents). */
export const ZEnrollAutopayInput = z.object({
  accountId: ZId,
  paymentMethodId: z.string().min(1, "Choose a payment method.").max(40),
  limit: ZAmount,
  consentVersion: z.string().min(1).max(40),
  accept: ZAccept,
});
export type TEnrollAutopayInput = z.infer<typeof ZEnrollAutopayInput>;

export const ZChangeAutopayInput = z.object({
  enrollmentId: ZId,
  paymentMethodId: z.string().min(1, "Choose a payment method.").max(40),
  limit: ZAmount,
  consentVersion: z.string().min(1).max(40),
  accept: ZAccept,
});
export type TChangeAutopayInput = z.infer<typeof ZChangeAutopayInput>;

export const ZUnenrollAutopayInput = z.object({ enrollmentId: ZId });
