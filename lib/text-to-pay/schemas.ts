import { z } from "zod";
import { parseIsoDay } from "@/lib/dates";

/** The date of birth a text-to-pay link past its first day asks for. */
export const ZTextToPayDobInput = z.object({
  dob: z.string().transform((v, ctx) => {
    const day = parseIsoDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "Enter the patient's date of birth." });
      return z.NEVER;
    }
    return day;
  }),
});
