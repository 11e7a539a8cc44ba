"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ResultMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { updateRefundThresholdAction } from "@/lib/payments/staff-actions";
import type { FormState } from "@/lib/result";

/** The practice's large-refund threshold, in dollars (settings.manage). */
export function RefundLimitForm({ saved }: { saved: string }) {
  const t = useTranslations("StaffRefundLimit");
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<{ thresholdCents: number }>>(
    updateRefundThresholdAction,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <TextField
        label={t("label")}
        name="threshold"
        defaultValue={saved}
        hint={t("hint")}
        errors={fieldErrors?.threshold}
        inputMode="decimal"
      />
      <div>
        <SubmitButton isPending={isPending} pendingText={t("saving")}>
          {t("save")}
        </SubmitButton>
      </div>
      <ResultMessage state={state} success={<p>{t("saved")}</p>} />
    </form>
  );
}
