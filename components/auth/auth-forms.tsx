"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionForm } from "@/components/ui/use-action-form";
import { useShownState } from "@/components/ui/use-server-words";
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
}) => {
  const t = useTranslations("VerifyEmail");
  return (
    <Notice tone="success">
      <p>{children}</p>
      <Link
        href={`/login?reason=${reason}${callbackUrl ? `&callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}
        className="font-semibold underline"
      >
        {t("signIn")}
      </Link>
    </Notice>
  );
};

/** `callbackUrl`: a path of ours (the invitation the person came from) to return to after confirming. */
export function SignUpForm({ callbackUrl = "" }: { callbackUrl?: string }) {
  const t = useTranslations("SignUp");
  const form = useActionForm(signUpAction, null);
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  if (state?.ok) {
    const email = state.data.email;
    return (
      <Notice tone="success">
        <h2 className="font-semibold">{t("checkEmail")}</h2>
        <p>
          {t.rich(callbackUrl ? "sentLinkInvitation" : "sentLink", {
            email,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
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
      <NewPasswordFields name="password" errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** `callbackUrl`: where signing in afterwards leads (the invitation the person signed up from), if anywhere. */
export function VerifyEmailForm({ token, callbackUrl = "" }: { token: string; callbackUrl?: string }) {
  const t = useTranslations("VerifyEmail");
  const form = useActionForm(verifyEmailAction, null);
  const { isPending, formProps } = form;
  const { state } = useShownState({ state: form.state, fieldErrors: undefined });
  if (state?.ok) {
    return (
      <SignInNotice reason="verified" callbackUrl={callbackUrl}>
        {t("confirmed")}
        {callbackUrl ? ` ${t("backToInvitation")}` : ""}
      </SignInNotice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const t = useTranslations("ForgotPassword");
  const form = useActionForm(requestPasswordResetAction, null);
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  if (state?.ok) {
    return <Notice tone="success">{t("sent")}</Notice>;
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <EmailField errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("ResetPassword");
  const form = useActionForm(resetPasswordAction, null);
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  if (state?.ok) {
    return <SignInNotice reason="reset">{t("done")}</SignInNotice>;
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" isNew errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText={t("pending")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
