"use server";

import { defineAction } from "@/lib/define-action";
import { requestPasswordReset, resetPassword, signUp, verifyEmail } from "@/lib/auth/account-lifecycle";
import {
  ZForgotPasswordInput,
  ZResetPasswordInput,
  ZSignUpInput,
  ZVerifyEmailInput,
} from "@/lib/auth/schemas";

const anyone = async () => null;

export const signUpAction = defineAction({
  schema: ZSignUpInput,
  guard: anyone,
  handler: async ({ input, context }) => {
    await signUp({ ...input, context });
    return { email: input.email };
  },
});

export const verifyEmailAction = defineAction({
  schema: ZVerifyEmailInput,
  guard: anyone,
  handler: ({ input, context }) => verifyEmail({ token: input.token, context }),
});

export const requestPasswordResetAction = defineAction({
  schema: ZForgotPasswordInput,
  guard: anyone,
  handler: ({ input, context }) => requestPasswordReset({ email: input.email, context }),
});

export const resetPasswordAction = defineAction({
  schema: ZResetPasswordInput,
  guard: anyone,
  handler: ({ input, context }) => resetPassword({ token: input.token, password: input.password, context }),
});
