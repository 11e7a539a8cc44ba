import { z } from "zod";
import { AUTH_MESSAGES } from "@/lib/auth/auth-messages";
import { PASSWORD_RULES, isStrongEnough } from "@/lib/auth/password-rules";

const ZEmail = z.string().trim().min(1, AUTH_MESSAGES.enterEmail).max(254).email(AUTH_MESSAGES.validEmail);
const ZPassword = z.string().refine(isStrongEnough, PASSWORD_RULES);

export const ZSignUpInput = z
  .object({
    firstName: z.string().trim().min(1, AUTH_MESSAGES.enterFirstName).max(80),
    lastName: z.string().trim().min(1, AUTH_MESSAGES.enterLastName).max(80),
    email: ZEmail,
    password: ZPassword,
    confirmPassword: z.string(),
    /** Where to come back after confirming and signing in (an invitation's page); checked by the use case. */
    callbackUrl: z.string().max(2048).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: AUTH_MESSAGES.passwordsDiffer,
  });
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZForgotPasswordInput = z.object({ email: ZEmail });

export const ZResetPasswordInput = z
  .object({
    token: z.string().min(10, AUTH_MESSAGES.resetLinkIncomplete),
    password: ZPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: AUTH_MESSAGES.passwordsDiffer,
  });

export const ZVerifyEmailInput = z.object({ token: z.string().min(10, AUTH_MESSAGES.linkIncomplete) });
