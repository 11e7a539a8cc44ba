import { z } from "zod";
import { ZAmount } from "@/lib/payments/schemas";
import { methodChoiceShape, readMethodChoice } from "@/lib/saved-methods/schemas";

const ZId = z.string().min(1).max(40);
const ZAccept = z.literal("yes", { error: "Tick the box to accept the autopay authorization." });

/**
 * What the patient agrees to when turning autopay on or changing it: the method (a saved one, or
 * a new card or bank account typed into the hosted fields: its token and the name on it), the
 * limit (dollars as typed, at least $1.00, into cents) and the authorization text's version. A
 * new method comes with the form's idempotency key, so a double submit saves it once.
 */
const autopayTermsShape = {
  ...methodChoiceShape,
  limit: ZAmount,
  consentVersion: z.string().min(1).max(40),
  accept: ZAccept,
  /** Made when the form is shown; needed with a new method. */
  idempotencyKey: z.union([z.uuid(), z.literal("")]).optional(),
};

const withMethod = <T extends z.output<z.ZodObject<typeof autopayTermsShape>>>(
  f: T,
  ctx: z.RefinementCtx,
) => {
  const method = readMethodChoice(f, ctx);
  if (method?.newMethod && !f.idempotencyKey) {
    ctx.addIssue({ code: "custom", path: ["form"], message: "Please reload the page and try again." });
    return z.NEVER;
  }
  if (!method) return z.NEVER;
  const { paymentMethodId: _id, newMethodToken: _token, holderName: _name, idempotencyKey, ...rest } = f;
  return { ...rest, ...method, idempotencyKey: idempotencyKey || null };
};

/** The Autopay page's forms. */
export const ZEnrollAutopayInput = z
  .object({ accountId: ZId, ...autopayTermsShape })
  .transform((f, ctx) => withMethod(f, ctx));
export type TEnrollAutopayInput = z.output<typeof ZEnrollAutopayInput>;

export const ZChangeAutopayInput = z
  .object({ enrollmentId: ZId, ...autopayTermsShape })
  .transform((f, ctx) => withMethod(f, ctx));
export type TChangeAutopayInput = z.output<typeof ZChangeAutopayInput>;

export const ZUnenrollAutopayInput = z.object({ enrollmentId: ZId });
