import { z } from "zod";
import { ZAmount } from "@/lib/payments/schemas";

const ZId = z.string().min(1).max(40);
const ZAccept = z.literal("yes", { error: "Tick the box to accept the autopay authorization." });

/**
 * What the patient agrees to when turning autopay on or changing it: the method, the limit
 * (dollars as typed, at least $1.00, into cents) and the authorization text's version.
 */
const autopayTermsShape = {
  paymentMethodId: z.string().min(1, "Choose a payment method.").max(40),
  limit: ZAmount,
  consentVersion: z.string().min(1).max(40),
  accept: ZAccept,
};

/** The Autopay page's forms. */
export const ZEnrollAutopayInput = z.object({ accountId: ZId, ...autopayTermsShape });
export type TEnrollAutopayInput = z.infer<typeof ZEnrollAutopayInput>;

export const ZChangeAutopayInput = z.object({ enrollmentId: ZId, ...autopayTermsShape });
export type TChangeAutopayInput = z.infer<typeof ZChangeAutopayInput>;

export const ZUnenrollAutopayInput = z.object({ enrollmentId: ZId });
