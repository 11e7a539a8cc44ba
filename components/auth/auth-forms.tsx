"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { EmailField, NameFields, NewPasswordFields } from "@/components/auth/account-fields";
import {
  requestPasswordResetAction,
  resetPasswordAction,
  signUpAction,
  verifyEmailAction,
} from "@/lib/auth/actions";

/** Done: what happened, and the way to sign in (the login page says why it was sent there). */
const SignInNotice = ({
  reason,
  callbackUrl = "",
  children,
}: {
  reason: "verified" | "reset";
  /** A path of ours (checked by the page with safeCallbackUrl) to come back to after signing in. */
  callbackUrl?: string;
  children: React.ReactNode;
}) => (
  <Notice tone="success">
    <p>{children}</p>
    <Link
      href={`/login?reason=${reason}${callbackUrl ? `&callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}
      className="font-semibold underline"
    >
      Sign in
    </Link>
  </Notice>
);

/** `callbackUrl`: a path of ours (the invitation the person came from) to return to after confirming. */
export function SignUpForm({ callbackUrl = "" }: { callbackUrl?: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(signUpAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <h2 className="font-semibold">Check your email</h2>
        <p>
          We sent a link to <strong>{state.data.email}</strong>. Open it to confirm your address, then sign in
          {callbackUrl ? " and you come back to your invitation" : ""}.
        </p>
      </Notice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <NameFields errors={fieldErrors} />
      <EmailField errors={fieldErrors} />
      <NewPasswordFields name="password" label="Password" errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText="Creating your login…">
        Create login
      </SubmitButton>
    </form>
  );
}

/** `callbackUrl`: where signing in afterwards leads (the invitation the person signed up from), if anywhere. */
export function VerifyEmailForm({ token, callbackUrl = "" }: { token: string; callbackUrl?: string }) {
  const { state, isPending, formProps } = useActionForm(verifyEmailAction, null);
  if (state?.ok) {
    return (
      <SignInNotice reason="verified" callbackUrl={callbackUrl}>
        Your email address is confirmed.
        {callbackUrl ? " Sign in to go back to your invitation." : ""}
      </SignInNotice>
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
  const { state, isPending, fieldErrors, formProps } = useActionForm(requestPasswordResetAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        If that address has a login, we have emailed it a link to choose a new password. The link expires in 1
        hour.
      </Notice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <EmailField errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText="Sending…">
        Email me a reset link
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <SignInNotice reason="reset">
        Your password was changed and every other session was signed out.
      </SignInNotice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" label="New password" errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
