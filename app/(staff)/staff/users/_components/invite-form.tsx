"use client";

import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { ROLE_LABELS, STAFF_ROLES } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/result";
import { inviteStaffUserAction } from "@/lib/staff-users/actions";

const ROLE_OPTIONS = STAFF_ROLES.map((role) => [role, ROLE_LABELS[role]] as const);

/** An administrator invites a staff member by email. */
export function InviteForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm<
    FormState<{ userId: string; email: string }>
  >(inviteStaffUserAction, null, { isResetOnSuccess: true });
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="off" errors={fieldErrors?.email} />
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        placeholder="Choose a role"
        errors={fieldErrors?.role}
      />
      <TextField label="First name" name="firstName" autoComplete="off" errors={fieldErrors?.firstName} />
      <TextField label="Last name" name="lastName" autoComplete="off" errors={fieldErrors?.lastName} />
      <div className="sm:col-span-2">
        <SubmitButton isPending={isPending} pendingText="Sending…">
          Send invitation
        </SubmitButton>
      </div>
      <div className="sm:col-span-2">
        <ResultMessage
          state={state}
          success={
            <p>Invitation sent to {state?.ok ? state.data.email : ""}. The link works once, for 72 hours.</p>
          }
        />
      </div>
    </form>
  );
}
