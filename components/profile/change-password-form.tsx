"use client";

import { useEffect, useRef } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { SuccessMessage } from "@/components/profile/form-parts";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { changePasswordAction } from "@/lib/profile/actions";

export function ChangePasswordForm() {
  const { state, isPending, formProps } = useActionForm(changePasswordAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} {...formProps} className="flex flex-col gap-4" noValidate>
      <SuccessMessage>
        {state?.ok ? (
          <>
            Your password is changed.{" "}
            {state.data.isThisSessionKept
              ? "You are still signed in here; every other browser and device signed in to your login was signed out."
              : "Every browser and device signed in to your login was signed out, this one too: sign in again with the new password."}{" "}
            We emailed you a note of the change.
          </>
        ) : null}
      </SuccessMessage>
      <FormMessage state={state} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors?.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULES}
        required
        errors={errors?.newPassword}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <div>
        <SubmitButton isPending={isPending} pendingText="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
