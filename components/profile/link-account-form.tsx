"use client";

import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { linkAccountAction } from "@/lib/profile/actions";

/** Statement number + the patient's date of birth, checked like the guest lookup (lib/guest). */
export function LinkAccountForm() {
  const form = useActionForm(linkAccountAction, null, { isResetOnSuccess: true });
  return (
    <ProfileForm
      form={form}
      submit="Link account"
      pendingText="Linking…"
      success={(data) => `Account ${data.accountNumber} is linked. Its statements now appear under Bills.`}
    >
      <TextField
        label="Statement number"
        name="statementNumber"
        hint="Printed at the top of a paper statement of that account, for example ST-1001."
        autoComplete="off"
        required
        errors={form.fieldErrors?.statementNumber}
      />
      <TextField
        label="Patient's date of birth"
        name="dob"
        type="date"
        hint="The date of birth of the patient named on that statement."
        required
        errors={form.fieldErrors?.dob}
        className="sm:max-w-xs"
      />
    </ProfileForm>
  );
}
