"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/result";
import { inviteStaffUserAction } from "@/lib/staff-users/actions";

/** An administrator invites a staff member by email. */
export function InviteForm() {
  const t = useTranslations("StaffUsers");
  const tRole = useTranslations("StaffRoles");
  const { state, isPending, fieldErrors, formProps } = useActionForm<
    FormState<{ userId: string; email: string }>
  >(inviteStaffUserAction, null, { isResetOnSuccess: true });
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="off"
        errors={fieldErrors?.email}
      />
      <SelectField
        label={t("role")}
        name="role"
        options={STAFF_ROLES.map((role) => [role, tRole(role)] as const)}
        placeholder={t("chooseRole")}
        errors={fieldErrors?.role}
      />
      <TextField label={t("firstName")} name="firstName" autoComplete="off" errors={fieldErrors?.firstName} />
      <TextField label={t("lastName")} name="lastName" autoComplete="off" errors={fieldErrors?.lastName} />
      <div className="sm:col-span-2">
        <SubmitButton isPending={isPending} pendingText={t("sending")}>
          {t("sendInvitation")}
        </SubmitButton>
      </div>
      <div className="sm:col-span-2">
        <ResultMessage
          state={state}
          success={<p>{t("invitationSent", { email: state?.ok ? state.data.email : "" })}</p>}
        />
      </div>
    </form>
  );
}
