"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { NewPasswordFields } from "@/components/auth/account-fields";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { acceptStaffInvitationAction } from "@/lib/staff-users/actions";

/** The invitee chooses their password (the portal's rules), then signs in. */
export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("StaffInvitation");
  const { state, isPending, fieldErrors, formProps } = useActionForm(acceptStaffInvitationAction, null);
  if (state?.ok) {
    return (
      <Notice tone="success">
        <p>{t("passwordSet", { email: state.data.email })}</p>
        <Link href="/login" className="font-semibold underline">
          {t("signIn")}
        </Link>
      </Notice>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields name="password" errors={fieldErrors} />
      <SubmitButton isPending={isPending} pendingText={t("saving")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
