"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { controlClass, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/form-message";
import {
  ReasonField,
  StaffPaymentDialog,
  staffPaymentFailure,
  type TDialogPayment,
  useStaffPaymentDialog,
} from "@/components/payments/void-refund-dialog-shell";
import { formatCents, parseDollarsToCents } from "@/lib/money";
import type { TRefundPaymentResult } from "@/lib/payments/refund-payment";
import { refundPaymentAction } from "@/lib/payments/staff-actions";
import { centsToInput } from "@/lib/payments/staff-schemas";

/**
 * Refund a settled payment, in full or in part. The amount starts at what is left to refund;
 * Confirm stays disabled until the staffer types that amount again, or the card's last 4, so a
 * refund is never one stray click. The idempotency key is made on the first submit and kept
 * until the attempt is over for sure, so a double click or a retry after a lost answer refunds once.
 */
export function RefundDialog({ payment }: { payment: TDialogPayment }) {
  const { id: paymentId, receiptNumber, refundableCents, currency, last4, canRefund } = payment;
  const t = useTranslations("StaffRefund");
  const dialog = useStaffPaymentDialog<TRefundPaymentResult>(refundPaymentAction);
  const { state, success, isPending } = dialog;
  const amountRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<string | null>(null);
  const [amount, setAmount] = useState(centsToInput(refundableCents));
  const [reason, setReason] = useState("");
  const [confirmation, setConfirmation] = useState("");

  const failure = state && !state.ok ? staffPaymentFailure(state, "refund") : null;
  useEffect(() => {
    if (state && (state.ok || failure?.isAttemptSpent)) keyRef.current = null;
  }, [state, failure?.isAttemptSpent]);

  const amountCents = parseDollarsToCents(amount);
  const isOverLimit = amountCents !== null && amountCents > refundableCents;
  const typed = confirmation.trim();
  const isConfirmed =
    amountCents !== null &&
    amountCents > 0 &&
    !isOverLimit &&
    (parseDollarsToCents(typed) === amountCents || (last4 !== null && typed === last4));
  const amountErrors = isOverLimit
    ? [t("overLimit", { amount: formatCents(refundableCents, currency) })]
    : dialog.fieldErrors?.amount;
  const confirmHint = t("confirmHint", {
    amount: amountCents ? t("confirmAmount", { amount: centsToInput(amountCents) }) : "",
    last4: last4 ? t("confirmLast4", { last4 }) : "",
  });

  return (
    <StaffPaymentDialog
      dialog={dialog}
      verb="refund"
      paymentId={paymentId}
      result={
        <>
          {success?.status === "SUCCEEDED" ? (
            <Notice tone="success">
              {t("refunded", { amount: formatCents(success.amountCents, success.currency) })}{" "}
              {success.refundableCents > 0
                ? t("left", { amount: formatCents(success.refundableCents, success.currency) })
                : t("nothingLeft")}
            </Notice>
          ) : null}
          {success?.status === "PENDING" ? (
            <Notice tone="warning">
              {t("pending", { amount: formatCents(success.amountCents, success.currency) })}
            </Notice>
          ) : null}
        </>
      }
      trigger={canRefund ? { label: t("trigger"), variant: "secondary" } : null}
      onOpen={() => {
        setAmount(centsToInput(refundableCents));
        setReason("");
        setConfirmation("");
      }}
      title={t("title", { receiptNumber })}
      description={<p>{t("description", { amount: formatCents(refundableCents, currency) })}</p>}
      initialFocusRef={amountRef}
      beforeSubmit={(formData) => {
        keyRef.current ??= crypto.randomUUID();
        formData.set("idempotencyKey", keyRef.current);
      }}
      isConfirmed={isConfirmed}
      cancelLabel={t("cancel")}
      submitLabel={
        isPending
          ? t("refunding")
          : t("submit", {
              amount: amountCents && !isOverLimit ? formatCents(amountCents, currency) : "",
            }).trim()
      }
    >
      <Field label={t("amount")} errors={amountErrors}>
        {(control) => (
          <div
            className={`flex items-center rounded-md border bg-white ${amountErrors?.length ? "border-red-700" : "border-slate-400"}`}
          >
            <span aria-hidden="true" className="pl-3 text-slate-700">
              $
            </span>
            <input
              {...control}
              ref={amountRef}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              className="min-h-11 w-full rounded-md px-2 py-2 text-base tabular-nums"
            />
          </div>
        )}
      </Field>
      <ReasonField
        value={reason}
        onChange={setReason}
        errors={dialog.fieldErrors?.reason}
        hint={t("reasonHint")}
      />
      <Field label={t("confirm")} hint={confirmHint}>
        {(control) => (
          <input
            {...control}
            autoComplete="off"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            className={`min-h-11 ${controlClass(false)}`}
          />
        )}
      </Field>
    </StaffPaymentDialog>
  );
}
