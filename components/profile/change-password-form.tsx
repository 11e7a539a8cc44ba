"use client";

import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { NewPasswordFields } from "@/components/auth/account-fields";
import { changePasswordAction } from "@/lib/profile/actions";

export function ChangePasswordForm() {
  const form = useActionForm(changePasswordAction, null, { isResetOnSuccess: true });
  return (
    <ProfileForm
      form={form}
      submit="Change password"
      pendingText="Changing…"
      success={(data) => (
        <>
          Your password is changed.{" "}
          {data.isThisSessionKept
            ? "You are still signed in here; every other browser and device signed in to your login was signed out."
            : "Every browser and device signed in to your login was signed out, this one too: sign in again with the new password."}{" "}
          We emailed you a note of the change.
        </>
      )}
    >
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={form.fieldErrors?.currentPassword}
      />
      <NewPasswordFields name="newPassword" isNew errors={form.fieldErrors} />
    </ProfileForm>
  );
}
