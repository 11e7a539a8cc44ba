import { z } from "zod";
import { parseExpiry } from "@/lib/saved-methods/expiry";

export const ZMethodId = z.object({ methodId: z.string().min(1).max(40) });

const ZNickname = z
  .string()
  .trim()
  .max(40, "Keep the nickname to 40 characters.")
  .transform((v) => v || null);

/** Form checkboxes arrive as "on" (or "true"); absent means no. */
const ZCheckbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** Adding a method: the single-use token from the hosted fields plus what the patient typed around it. */
export const ZAddMethodInput = z.object({
  token: z.string().min(8, "Enter your card or bank details.").max(200),
  holderName: z.string().trim().min(1, "Enter the name on the card or account.").max(100),
  nickname: ZNickname.optional().transform((v) => v ?? null),
  makeDefault: ZCheckbox,
  idempotencyKey: z.string().uuid(),
});
export type TAddMethodInput = z.output<typeof ZAddMethodInput>;

export const ZRenameMethodInput = ZMethodId.extend({ nickname: ZNickname });

export const ZMethodExpiryInput = ZMethodId.extend({
  expiry: z
    .string()
    .trim()
    .min(1, "Enter the new expiry date.")
    .transform((value, ctx) => {
      const parsed = parseExpiry(value);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: "Enter the expiry as MM/YY, like 04/29." });
        return z.NEVER;
      }
      return parsed;
    }),
});

export const ZStaffConsentInput = ZMethodId.extend({ consent: ZCheckbox });
