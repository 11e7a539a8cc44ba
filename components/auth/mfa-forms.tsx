"use client";

import Link from "next/link";
import { useActionForm } from "@/components/ui/use-action-form";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { confirmEnrolmentAction, disableTotpAction, verifySecondFactorAction } from "@/lib/auth/mfa/actions";

const CodeField = ({ errors, label, hint }: { errors?: string[]; label: string; hint?: string }) => (
  <TextField
    label={label}
    name="code"
    hint={hint}
    autoComplete="one-time-code"
    autoCapitalize="off"
    spellCheck={false}
    required
    errors={errors}
  />
);

/** The code of the enrolment, then the ten recovery codes, shown once. */
export function EnrolForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(confirmEnrolmentAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success">
          <h2 className="font-semibold">Two-step sign-in is on</h2>
          <p>
            Keep these recovery codes somewhere safe (print them, or save them in your password manager). Each
            one signs you in once if you lose your phone. They are shown only now.
          </p>
        </Notice>
        <ol
          aria-label="Recovery codes"
          className="grid grid-cols-2 gap-2 font-mono text-lg"
          data-testid="recovery-codes"
        >
          {state.data.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Link href={callbackUrl} className={buttonClass("primary")}>
          I have saved my recovery codes: continue
        </Link>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <CodeField label="Code from your app" hint="6 digits" errors={fieldErrors?.code} />
      <SubmitButton isPending={isPending} pendingText="Checking…">
        Turn on two-step sign-in
      </SubmitButton>
    </form>
  );
}

/** The code at sign-in, or again before a refund or a user change (step-up). */
export function SecondFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(verifySecondFactorAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <CodeField
        label="Code"
        hint="The 6 digits your authenticator app shows, or one of your recovery codes"
        errors={fieldErrors?.code}
      />
      <SubmitButton isPending={isPending} pendingText="Checking…">
        Continue
      </SubmitButton>
    </form>
  );
}

/** A patient turns two-step sign-in off with a code. */
export function DisableTotpForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm(disableTotpAction, null, {
    isResetOnSuccess: true,
  });
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <CodeField label="Code from your app" hint="or a recovery code" errors={fieldErrors?.code} />
      <SubmitButton isPending={isPending} pendingText="Turning off…">
        Turn off two-step sign-in
      </SubmitButton>
    </form>
  );
}
