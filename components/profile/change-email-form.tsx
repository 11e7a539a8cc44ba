"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { useTranslatedForm } from "@/components/profile/use-translated-form";
import { cancelEmailChangeAction, requestEmailChangeAction } from "@/lib/profile/actions";

/** Asks for a new login email; the change happens when the link sent to it is confirmed. */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  // The password is not kept in the form after it did its job.
  const t = useTranslations("ProfileEmail");
  const form = useTranslatedForm(useActionForm(requestEmailChangeAction, null, { isResetOnSuccess: true }));
  return (
    <ProfileForm
      form={form}
      submit={t("submit")}
      pendingText={t("pendingText")}
      success={(data) =>
        t.rich("sent", {
          newEmail: data.newEmail,
          currentEmail,
          strong: (chunks) => <strong className="break-all">{chunks}</strong>,
        })
      }
    >
      <TextField
        label={t("newEmail")}
        name="newEmail"
        type="email"
        autoComplete="email"
        spellCheck={false}
        required
        errors={form.fieldErrors?.newEmail}
      />
      <TextField
        label={t("currentPassword")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        hint={t("currentPasswordHint")}
        required
        errors={form.fieldErrors?.currentPassword}
      />
    </ProfileForm>
  );
}

export function CancelEmailChangeForm() {
  const t = useTranslations("ProfileEmail");
  const { state, isPending, formProps } = useTranslatedForm(useActionForm(cancelEmailChangeAction, null));
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <FormMessage state={state} />
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText={t("cancelling")}>
          {t("cancel")}
        </SubmitButton>
      </div>
    </form>
  );
}
