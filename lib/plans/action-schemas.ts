import { z } from "zod";
import { ZAmount } from "@/lib/payments/schemas";

const ZPlanId = z.string().min(1).max(40);
/** The plan page's forms (patient and staff share them). */
export const planActionSchemas = {
  method: z.object({
    planId: ZPlanId,
    paymentMethodId: z.string().min(1, "Choose a payment method.").max(40),
  }),
  extra: z.object({ planId: ZPlanId, amount: ZAmount, idempotencyKey: z.uuid() }),
  skip: z.object({ planId: ZPlanId, sequence: z.coerce.number().int().min(1).max(10_000) }),
  cancel: z.object({
    planId: ZPlanId,
    confirm: z.literal("yes", { error: "Tick the box to confirm that you want to cancel the plan." }),
  }),
};
