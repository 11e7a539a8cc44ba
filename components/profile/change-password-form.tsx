"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { SuccessMessage } from "@/components/profile/form-parts";
import { NewPasswordFields } from "@/components/auth/account-fields";
import { changePasswordAction } from "@/lib/profile/actions";

export function ChangePasswordForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm(changePasswordAction, null, {
    isResetOnSuccess: true,
  });
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
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
        errors={fieldErrors?.currentPassword}
      />
      <NewPasswordFields name="newPassword" label="New password" errors={fieldErrors} />
      <div>
        <SubmitButton isPending={isPending} pendingText="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
