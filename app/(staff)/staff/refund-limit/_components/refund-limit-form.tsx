"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateRefundThresholdAction } from "@/lib/payments/staff-actions";
import type { FormState } from "@/lib/result";

/** The practice's large-refund threshold, in dollars (settings.manage). */
export function RefundLimitForm({ saved }: { saved: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ thresholdCents: number }>>(
    updateRefundThresholdAction,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <TextField
        label="Large-refund threshold (dollars)"
        name="threshold"
        defaultValue={saved}
        hint="One refund of more than this needs a billing manager or an administrator."
        errors={fieldErrors?.threshold}
        inputMode="decimal"
      />
      <div>
        <SubmitButton isPending={isPending} pendingText="Saving…">
          Save the limit
        </SubmitButton>
      </div>
      <ResultMessage state={state} success={<p>Saved. Refunds from now on follow the new limit.</p>} />
    </form>
  );
}
