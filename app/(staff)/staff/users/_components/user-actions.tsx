"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { STAFF_ROLES, type TStaffRole } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/result";
import {
  changeStaffRoleAction,
  disableStaffUserAction,
  enableStaffUserAction,
  forceStaffPasswordResetAction,
} from "@/lib/staff-users/actions";
import { controlClass } from "@/components/ui/field";

type TProps = { userId: string; name: string; role: TStaffRole; isDisabled: boolean; isSelf: boolean };

/** One small form per change, each naming the user it acts on (for screen readers too). */
const OneButton = ({
  action,
  userId,
  label,
  pendingText,
  variant = "secondary",
}: {
  action: (prev: unknown, input: FormData) => Promise<FormState<unknown>>;
  userId: string;
  label: string;
  pendingText: string;
  variant?: "secondary" | "danger";
}) => {
  const { state, isPending, formProps } = useActionForm<FormState<unknown>>(action, null);
  return (
    <form {...formProps}>
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton isPending={isPending} pendingText={pendingText} variant={variant}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
};

/** An administrator's changes to one staff user: role, disable or enable, force a password reset. */
export function UserActions({ userId, name, role, isDisabled, isSelf }: TProps) {
  const t = useTranslations("StaffUsers");
  const tRole = useTranslations("StaffRoles");
  const roleForm = useActionForm<FormState<{ role: string }>>(changeStaffRoleAction, null);
  return (
    <div className="flex flex-col gap-2">
      <form {...roleForm.formProps} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label className="flex flex-col text-sm">
          <span>{t("roleOf", { name })}</span>
          <select name="role" defaultValue={role} className={`min-h-11 ${controlClass(false)}`}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {tRole(r)}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton isPending={roleForm.isPending} pendingText={t("saving")} variant="secondary">
          {t("changeRole")}
        </SubmitButton>
      </form>
      <FormMessage state={roleForm.state} />
      {isSelf ? null : (
        <div className="flex flex-wrap gap-2">
          {isDisabled ? (
            <OneButton
              action={enableStaffUserAction}
              userId={userId}
              label={t("enable", { name })}
              pendingText={t("enabling")}
            />
          ) : (
            <>
              <OneButton
                action={disableStaffUserAction}
                userId={userId}
                label={t("disable", { name })}
                pendingText={t("disabling")}
                variant="danger"
              />
              <OneButton
                action={forceStaffPasswordResetAction}
                userId={userId}
                label={t("resetPassword", { name })}
                pendingText={t("resetting")}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
