"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { verifyTextToPayDobAction } from "@/lib/text-to-pay/actions";

/** The date of birth a text-to-pay link asks for once it is past its first day. */
export function TextLinkDobForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm(verifyTextToPayDobAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <TextField
        label="Patient's date of birth"
        name="dob"
        type="date"
        autoComplete="bday"
        required
        errors={fieldErrors?.dob}
      />
      <SubmitButton isPending={isPending} pendingText="Checking…">
        Continue to my statement
      </SubmitButton>
    </form>
  );
}
