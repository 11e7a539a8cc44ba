import { z } from "zod";
import { PASSWORD_RULES, isStrongEnough } from "@/lib/auth/password-rules";

const ZEmail = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254)
  .email("Enter a valid email address.");
const ZPassword = z.string().refine(isStrongEnough, PASSWORD_RULES);

export const ZSignUpInput = z
  .object({
    firstName: z.string().trim().min(1, "Enter your first name.").max(80),
    lastName: z.string().trim().min(1, "Enter your last name.").max(80),
    email: ZEmail,
    password: ZPassword,
    confirmPassword: z.string(),
    /** Where to come back after confirming and signing in (an invitation's page); checked by the use case. */
    callbackUrl: z.string().max(2048).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZForgotPasswordInput = z.object({ email: ZEmail });

export const ZResetPasswordInput = z
  .object({
    token: z.string().min(10, "This reset link is incomplete."),
    password: ZPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export const ZVerifyEmailInput = z.object({ token: z.string().min(10, "This link is incomplete.") });
