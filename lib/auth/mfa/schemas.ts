import { z } from "zod";
import { hasControlCharacter } from "@/lib/input";
import { MFA_MESSAGES } from "@/lib/auth/mfa/mfa-messages";
import { PASSKEY_MESSAGES } from "@/lib/auth/mfa/passkey-messages";

const ZCode = z.string().trim().min(1, MFA_MESSAGES.mfaEnterCode).max(32, MFA_MESSAGES.mfaNotACode);

/** A 6-digit code from the authenticator app (enrolment takes only these). */
export const ZEnrolInput = z.object({
  code: ZCode.refine((v) => /^\d{6}$/.test(v.replace(/[\s-]/g, "")), MFA_MESSAGES.mfaSixDigits),
});

/** A 6-digit code or a recovery code, and where to go afterwards (checked: safeCallbackUrl). */
export const ZVerifyInput = z.object({ code: ZCode, callbackUrl: z.string().max(2000).optional() });

export const ZDisableInput = z.object({ code: ZCode });

/** The longest name a passkey may have (the list shows it in full). */
export const PASSKEY_NAME_MAX = 60;

/** A passkey's new name: trimmed, 1 to 60 characters, no control characters (it is shown and audited). */
export const ZRenamePasskeyInput = z.object({
  passkeyId: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, PASSKEY_MESSAGES.passkeyNameRequired)
    .max(PASSKEY_NAME_MAX, PASSKEY_MESSAGES.passkeyNameTooLong(PASSKEY_NAME_MAX))
    .refine((v) => !hasControlCharacter(v), PASSKEY_MESSAGES.passkeyNameCharacters),
});

export const ZRemovePasskeyInput = z.object({ passkeyId: z.string().min(1).max(64) });

/** An authenticator's answer (JSON from @simplewebauthn/browser): parsed here, checked on the server. */
export const ZWebAuthnResponse = z
  .string()
  .max(20_000)
  .transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") {
        return value as { id: string };
      }
    } catch {
      // refused below
    }
    ctx.addIssue({ code: "custom", message: "That is not a passkey." });
    return z.NEVER;
  });

/** A passkey as the second step: the challenge this session was given, the answer, where to go next. */
export const ZPasskeySecondFactorInput = z.object({
  challengeId: z.string().min(1).max(64),
  response: ZWebAuthnResponse,
  callbackUrl: z.string().max(2000).optional(),
});
