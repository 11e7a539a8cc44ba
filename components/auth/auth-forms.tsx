"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import Link from "next/link";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import {
  requestPasswordResetAction,
  resetPasswordAction,
  signUpAction,
  verifyEmailAction,
} from "@/lib/auth/actions";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";

export function SignUpForm() {
  const { state, isPending, formProps } = useActionForm(signUpAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <h2 className="font-semibold">Check your email</h2>
        <p>
          We sent a link to <strong>{state.data.email}</strong>. Open it to confirm your address, then sign
          in.
        </p>
      </Notice>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="First name"
          name="firstName"
          autoComplete="given-name"
          required
          errors={errors?.firstName}
        />
        <TextField
          label="Last name"
          name="lastName"
          autoComplete="family-name"
          required
          errors={errors?.lastName}
        />
      </div>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={errors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULES}
        required
        errors={errors?.password}
      />
      <TextField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <SubmitButton isPending={isPending} pendingText="Creating your login…">
        Create login
      </SubmitButton>
    </form>
  );
}

export function VerifyEmailForm({ token }: { token: string }) {
  const { state, isPending, formProps } = useActionForm(verifyEmailAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <p>Your email address is confirmed.</p>
        <Link href="/login?reason=verified" className="font-semibold underline">
          Sign in
        </Link>
      </Notice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton isPending={isPending} pendingText="Confirming…">
        Confirm my email address
      </SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const { state, isPending, formProps } = useActionForm(requestPasswordResetAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        If that address has a login, we have emailed it a link to choose a new password. The link expires in 1
        hour.
      </Notice>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={errors?.email}
      />
      <SubmitButton isPending={isPending} pendingText="Sending…">
        Email me a reset link
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, isPending, formProps } = useActionForm(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <p>Your password was changed and every other session was signed out.</p>
        <Link href="/login?reason=reset" className="font-semibold underline">
          Sign in
        </Link>
      </Notice>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULES}
        required
        errors={errors?.password}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <SubmitButton isPending={isPending} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
