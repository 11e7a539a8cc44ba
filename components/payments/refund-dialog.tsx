"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { controlClass, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/form-message";
import {
  ModalDialog,
  ReasonField,
  staffPaymentFailure,
} from "@/components/payments/void-refund-dialog-shell";
import { formatCents, parseDollarsToCents } from "@/lib/money";
import type { TRefundPaymentResult } from "@/lib/payments/refund-payment";
import { refundPaymentAction } from "@/lib/payments/staff-actions";
import { centsToInput } from "@/lib/payments/staff-schemas";
import type { FormState } from "@/lib/result";

/**
 * Refund a settled payment, in full or in part. The amount starts at what is left to refund;
 * Confirm stays disabled until the staffer types that amount again, or the card's last 4, so a
 * refund is never one stray click. The idempotency key is made on the first submit and kept
 * until the attempt is over for sure, so a double click or a retry after a lost answer refunds once.
 */
export function RefundDialog({
  paymentId,
  receiptNumber,
  refundableCents,
  currency,
  last4,
  canRefund,
}: {
  paymentId: string;
  receiptNumber: string;
  refundableCents: number;
  currency: string;
  last4: string | null;
  /** When false only the result region is rendered (it must outlive the button). */
  canRefund: boolean;
}) {
  const [state, dispatch, isPending] = useActionState<FormState<TRefundPaymentResult>, FormData>(
    refundPaymentAction,
    null,
  );
  const triggerRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const keyRef = useRef<string | null>(null);
  const [amount, setAmount] = useState(centsToInput(refundableCents));
  const [reason, setReason] = useState("");
  const [confirmation, setConfirmation] = useState("");
  // The result shown inside the dialog is the one of this opening, not of an earlier one.
  const [staleState, setStaleState] = useState<FormState<TRefundPaymentResult>>(null);

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
  const current = state === staleState ? null : state;
  // A refund that went through (or is pending) closes the dialog; the result shows beside the button.
  const isDialogOpen = isOpen && !current?.ok;
  const fieldErrors = current && !current.ok ? current.fieldErrors : undefined;
  const amountErrors = isOverLimit
    ? [`The most you can refund is ${formatCents(refundableCents, currency)}.`]
    : fieldErrors?.amount;

  const openDialog = () => {
    setAmount(centsToInput(refundableCents));
    setReason("");
    setConfirmation("");
    setStaleState(state);
    setIsOpen(true);
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isConfirmed || isPending) return;
    keyRef.current ??= crypto.randomUUID();
    const formData = new FormData(event.currentTarget);
    formData.set("idempotencyKey", keyRef.current);
    startTransition(() => dispatch(formData));
  };

  const success = state?.ok ? state.data : null;
  const confirmHint = `To confirm, type the amount${amountCents ? ` (${centsToInput(amountCents)})` : ""}${
    last4 ? ` or the last 4 digits of the card or account (${last4})` : ""
  }.`;

  return (
    <div className="flex flex-col gap-3">
      <div ref={resultRef} tabIndex={-1} aria-live="polite" aria-atomic="true">
        {success?.status === "SUCCEEDED" ? (
          <Notice tone="success">
            Refunded {formatCents(success.amountCents, success.currency)}.{" "}
            {success.refundableCents > 0
              ? `${formatCents(success.refundableCents, success.currency)} is left to refund.`
              : "Nothing is left to refund."}
          </Notice>
        ) : null}
        {success?.status === "PENDING" ? (
          <Notice tone="warning">
            The processor didn&apos;t answer, so we don&apos;t know yet whether the refund of{" "}
            {formatCents(success.amountCents, success.currency)} went through. It is recorded as pending and
            holds that amount. Use &ldquo;Check again&rdquo; on the pending refund below; it can&apos;t refund
            twice.
          </Notice>
        ) : null}
      </div>
      {canRefund ? (
        <div>
          <button type="button" ref={triggerRef} onClick={openDialog} className={buttonClass("secondary")}>
            Refund…
          </button>
        </div>
      ) : null}
      <ModalDialog
        isOpen={isDialogOpen}
        onClose={() => setIsOpen(false)}
        returnFocusRef={triggerRef}
        fallbackFocusRef={resultRef}
        initialFocusRef={amountRef}
        isBusy={isPending}
        title={`Refund payment ${receiptNumber}`}
        description={
          <p>
            Up to {formatCents(refundableCents, currency)} can be refunded. The money goes back to the payment
            method, and the amount is owed again on the statements it paid.
          </p>
        }
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <input type="hidden" name="paymentId" value={paymentId} />
          <Field label="Amount to refund" errors={amountErrors}>
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
            errors={fieldErrors?.reason}
            hint="Shown in the payment's history and the audit log (3 to 500 characters)."
          />
          <Field label="Confirm the refund" hint={confirmHint}>
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
          <div aria-live="polite" aria-atomic="true">
            {current && !current.ok ? (
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
                {staffPaymentFailure(current, "refund").message}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap justify-end gap-3">
            <button
              type="button"
              onClick={() => setIsOpen(false)}
              disabled={isPending}
              className={buttonClass("secondary")}
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={!isConfirmed || isPending}
              aria-disabled={!isConfirmed || isPending}
              className={buttonClass("danger")}
            >
              {isPending
                ? "Refunding…"
                : `Refund ${amountCents && !isOverLimit ? formatCents(amountCents, currency) : ""}`.trim()}
            </button>
          </div>
        </form>
      </ModalDialog>
    </div>
  );
}
