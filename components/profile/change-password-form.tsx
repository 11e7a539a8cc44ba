"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { useTranslatedForm } from "@/components/profile/use-translated-form";
import { NewPasswordFields } from "@/components/auth/account-fields";
import { changePasswordAction } from "@/lib/profile/actions";

export function ChangePasswordForm() {
  const t = useTranslations("ProfilePassword");
  const form = useTranslatedForm(useActionForm(changePasswordAction, null, { isResetOnSuccess: true }));
  return (
    <ProfileForm
      form={form}
      submit={t("submit")}
      pendingText={t("pending")}
      success={(data) =>
        [t("changed"), t(data.isThisSessionKept ? "keptHere" : "signedOutHere"), t("emailed")].join(" ")
      }
    >
      <TextField
        label={t("currentPassword")}
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
