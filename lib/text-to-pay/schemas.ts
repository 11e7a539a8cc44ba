import { z } from "zod";
import { parseIsoDay } from "@/lib/dates";
import { TEXT_LINK_MESSAGES } from "@/lib/text-to-pay/text-link-messages";

/** The date of birth a text-to-pay link past its first day asks for. */
export const ZTextToPayDobInput = z.object({
  dob: z.string().transform((v, ctx) => {
    const day = parseIsoDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: TEXT_LINK_MESSAGES.enterDob });
      return z.NEVER;
    }
    return day;
  }),
});

/** The link staff revoke, by id (lib/text-to-pay/staff-actions.ts). */
export const ZTextLinkIdInput = z.object({ linkId: z.string().trim().min(1).max(64) });
