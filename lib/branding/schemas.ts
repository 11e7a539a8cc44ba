import { z } from "zod";
import { checkBrandColor } from "@/lib/email/brand";

/** The practice's email colour as typed ("#1D4ED8", "#abc") → "#1d4ed8", dark enough for white text. */
export const ZBrandColorInput = z.object({
  brandColor: z
    .string()
    .trim()
    .min(1, "Enter a colour as a hex code, like #1d4ed8.")
    .max(20, "Enter a colour as a hex code, like #1d4ed8.")
    .transform((value, ctx) => {
      const check = checkBrandColor(value);
      if (!check.ok) {
        ctx.addIssue({ code: "custom", message: check.message });
        return z.NEVER;
      }
      return check.color;
    }),
});
export type TBrandColorInput = z.output<typeof ZBrandColorInput>;
