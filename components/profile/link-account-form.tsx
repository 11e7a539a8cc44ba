"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { SuccessMessage } from "@/components/profile/form-parts";
import { linkAccountAction } from "@/lib/profile/actions";

/** Statement number + the patient's date of birth, checked like the guest lookup (lib/guest). */
export function LinkAccountForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm(linkAccountAction, null, {
    isResetOnSuccess: true,
  });
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <SuccessMessage>
        {state?.ok
          ? `Account ${state.data.accountNumber} is linked. Its statements now appear under Bills.`
          : null}
      </SuccessMessage>
      <FormMessage state={state} />
      <TextField
        label="Statement number"
        name="statementNumber"
        hint="Printed at the top of a paper statement of that account, for example ST-1001."
        autoComplete="off"
        required
        errors={fieldErrors?.statementNumber}
      />
      <TextField
        label="Patient's date of birth"
        name="dob"
        type="date"
        hint="The date of birth of the patient named on that statement."
        required
        errors={fieldErrors?.dob}
        className="sm:max-w-xs"
      />
      <div>
        <SubmitButton isPending={isPending} pendingText="Linking…">
          Link account
        </SubmitButton>
      </div>
    </form>
  );
}
