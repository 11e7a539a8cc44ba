"use client";

import { startTransition, useActionState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { staffPaymentFailure } from "@/components/payments/void-refund-dialog-shell";
import { formatCents } from "@/lib/money";
import type { TRefundPaymentResult } from "@/lib/payments/refund-payment";
import { refundPaymentAction } from "@/lib/payments/staff-actions";
import { centsToInput } from "@/lib/payments/staff-schemas";
import type { FormState } from "@/lib/result";

/**
 * A refund whose answer was lost stays PENDING. "Check again" sends the same refund (same
 * Refund row id as the idempotency key, same amount and reason): the gateway answers with what
 * it did the first time, so it can never refund twice.
 */
export function RetryPendingRefund({
  paymentId,
  refundId,
  amountCents,
  currency,
  reason,
}: {
  paymentId: string;
  refundId: string;
  amountCents: number;
  currency: string;
  reason: string;
}) {
  const t = useTranslations("StaffRetryRefund");
  const [state, dispatch, isPending] = useActionState<FormState<TRefundPaymentResult>, FormData>(
    refundPaymentAction,
    null,
  );
  return (
    <form
      action={dispatch}
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => dispatch(formData));
      }}
      className="flex flex-col items-start gap-1"
    >
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="idempotencyKey" value={refundId} />
      <input type="hidden" name="amount" value={centsToInput(amountCents)} />
      <input type="hidden" name="reason" value={reason} />
      <button
        type="submit"
        disabled={isPending}
        className={buttonClass("secondary")}
        aria-label={t("label", { amount: formatCents(amountCents, currency) })}
      >
        {isPending ? t("checking") : t("check")}
      </button>
      <div aria-live="polite" aria-atomic="true" className="text-sm">
        {state?.ok && state.data.status === "PENDING" ? (
          <p className="text-amber-900">{t("stillPending")}</p>
        ) : null}
        {state && !state.ok ? (
          <p role="alert" className="text-red-800">
            {staffPaymentFailure(state, "refund").message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
