import { z } from "zod";
import { parseExpiry } from "@/lib/saved-methods/expiry";
import { HOLDER_NAME_TOO_LONG } from "@/lib/saved-methods/messages";

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
  holderName: z
    .string()
    .trim()
    .min(1, "Enter the name on the card or account.")
    .max(100, HOLDER_NAME_TOO_LONG),
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

/** `consentVersion`: the version of the permission's wording the patient read (it names its language). */
export const ZStaffConsentInput = ZMethodId.extend({
  consent: ZCheckbox,
  consentVersion: z.string().max(40).optional(),
});

/**
 * A card or bank account typed into the gateway's hosted fields inside another form (a payment
 * plan, autopay), instead of a saved method: the single-use token and the name on it. It is
 * verified by the gateway and kept in the wallet together with what that form sets up.
 */
export type TNewMethodInput = { token: string; holderName: string };

/** The method select's value for "Use a new card or bank account" (no saved method has this id). */
export const NEW_METHOD_CHOICE = "new";

export const newMethodMessages = {
  choose: "Choose a payment method.",
  details: "Enter your card or bank details.",
  holderName: "Enter the name on the card or account.",
  both: "Choose a saved method or enter a new one, not both.",
} as const;

/** The fields of a form that takes a saved method or a new one (flat, so FormData can carry them). */
export const methodChoiceShape = {
  /** A saved method's id; empty with a new method. */
  paymentMethodId: z.string().trim().max(40).optional(),
  /** The hosted fields' single-use token; empty with a saved method. */
  newMethodToken: z.string().trim().max(200).optional(),
  /** The name on the new card or account. */
  holderName: z.string().trim().max(100, HOLDER_NAME_TOO_LONG).optional(),
};

type TMethodChoiceFields = {
  paymentMethodId?: string | undefined;
  newMethodToken?: string | undefined;
  holderName?: string | undefined;
};

export type TMethodChoice =
  { paymentMethodId: string; newMethod: null } | { paymentMethodId: null; newMethod: TNewMethodInput };

/** Exactly one of a saved method and a new one; an issue on the field for anything missing. */
export const readMethodChoice = (fields: TMethodChoiceFields, ctx: z.RefinementCtx): TMethodChoice | null => {
  // "A new one" chosen in the select is no saved method: the token must come with it.
  const isNewChosen = fields.paymentMethodId === NEW_METHOD_CHOICE;
  const f = isNewChosen ? { ...fields, paymentMethodId: undefined } : fields;
  const errors: [string, string][] = [];
  if (f.paymentMethodId && f.newMethodToken) errors.push(["paymentMethodId", newMethodMessages.both]);
  else if (f.paymentMethodId) {
    // A saved method: nothing else to check here.
  } else if (!f.newMethodToken && !isNewChosen) errors.push(["paymentMethodId", newMethodMessages.choose]);
  else {
    if (!f.newMethodToken || f.newMethodToken.length < 8) {
      errors.push(["newMethodToken", newMethodMessages.details]);
    }
    if (!f.holderName) errors.push(["holderName", newMethodMessages.holderName]);
  }
  for (const [path, message] of errors) ctx.addIssue({ code: "custom", path: [path], message });
  if (errors.length > 0) return null;
  return f.paymentMethodId
    ? { paymentMethodId: f.paymentMethodId, newMethod: null }
    : { paymentMethodId: null, newMethod: { token: f.newMethodToken!, holderName: f.holderName! } };
};
