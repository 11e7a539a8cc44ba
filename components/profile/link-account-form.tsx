"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { linkAccountAction } from "@/lib/profile/actions";
import { useTranslatedForm } from "@/components/profile/use-translated-form";

/** Statement number + the patient's date of birth, checked like the guest lookup (lib/guest). */
export function LinkAccountForm() {
  const t = useTranslations("ProfileAccounts");
  const form = useTranslatedForm(useActionForm(linkAccountAction, null, { isResetOnSuccess: true }));
  return (
    <ProfileForm
      form={form}
      submit={t("link")}
      pendingText={t("linking")}
      success={(data) => t("linked", { number: data.accountNumber })}
    >
      <TextField
        label={t("statementNumber")}
        name="statementNumber"
        hint={t("statementNumberHint")}
        autoComplete="off"
        required
        errors={form.fieldErrors?.statementNumber}
      />
      <TextField
        label={t("dob")}
        name="dob"
        type="date"
        hint={t("dobHint")}
        required
        errors={form.fieldErrors?.dob}
        className="sm:max-w-xs"
      />
    </ProfileForm>
  );
}
