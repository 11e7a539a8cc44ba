import { z } from "zod";

const ZCode = z.string().trim().min(1, "Enter the code.").max(32, "That is not a code.");

/** A 6-digit code from the authenticator app (enrolment takes only these). */
export const ZEnrolInput = z.object({
  code: ZCode.refine((v) => /^\d{6}$/.test(v.replace(/[\s-]/g, "")), "Enter the 6-digit code from your app."),
});

/** A 6-digit code or a recovery code, and where to go afterwards (checked: safeCallbackUrl). */
export const ZVerifyInput = z.object({ code: ZCode, callbackUrl: z.string().max(2000).optional() });

export const ZDisableInput = z.object({ code: ZCode });
