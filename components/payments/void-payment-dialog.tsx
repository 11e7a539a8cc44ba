"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/form-message";
import {
  ModalDialog,
  ReasonField,
  staffPaymentFailure,
} from "@/components/payments/void-refund-dialog-shell";
import { formatCents } from "@/lib/money";
import { voidPaymentAction } from "@/lib/payments/staff-actions";
import type { TVoidPaymentResult } from "@/lib/payments/void-payment";
import type { FormState } from "@/lib/result";

/**
 * Void a payment before it settles: the whole amount, with a reason, behind a confirm dialog.
 * Voiding again is safe: the server reuses the same void (same idempotency key) and a voided
 * payment stays voided.
 */
export function VoidPaymentDialog({
  paymentId,
  receiptNumber,
  amountCents,
  currency,
  canVoid,
}: {
  paymentId: string;
  receiptNumber: string;
  amountCents: number;
  currency: string;
  /** When false only the result region is rendered (it must outlive the button). */
  canVoid: boolean;
}) {
  const [state, dispatch, isPending] = useActionState<FormState<TVoidPaymentResult>, FormData>(
    voidPaymentAction,
    null,
  );
  const triggerRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [staleState, setStaleState] = useState<FormState<TVoidPaymentResult>>(null);

  const current = state === staleState ? null : state;
  // A void that went through (or is pending) closes the dialog; the result shows beside the button.
  const isDialogOpen = isOpen && !current?.ok;
  const fieldErrors = current && !current.ok ? current.fieldErrors : undefined;
  const success = state?.ok ? state.data : null;
  const amount = formatCents(amountCents, currency);

  const openDialog = () => {
    setReason("");
    setStaleState(state);
    setIsOpen(true);
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  return (
    <div className="flex flex-col gap-3">
      <div ref={resultRef} tabIndex={-1} aria-live="polite" aria-atomic="true">
        {success?.status === "SUCCEEDED" ? (
          <Notice tone="success">
            Payment voided. Nothing will be charged, and {amount} is owed again on the statements it paid.
          </Notice>
        ) : null}
        {success?.status === "PENDING" ? (
          <Notice tone="warning">
            The processor didn&apos;t answer, so we don&apos;t know yet whether the void went through. It is
            recorded as pending. Void again to check; it can&apos;t void twice.
          </Notice>
        ) : null}
      </div>
      {canVoid ? (
        <div>
          <button type="button" ref={triggerRef} onClick={openDialog} className={buttonClass("danger")}>
            Void payment…
          </button>
        </div>
      ) : null}
      <ModalDialog
        isOpen={isDialogOpen}
        onClose={() => setIsOpen(false)}
        returnFocusRef={triggerRef}
        fallbackFocusRef={resultRef}
        initialFocusRef={reasonRef}
        isBusy={isPending}
        title={`Void payment ${receiptNumber}?`}
        description={
          <p>
            Voiding cancels the whole payment of {amount} before it settles: the payer is not charged, and the
            amount is owed again on the statements it paid. This can&apos;t be undone.
          </p>
        }
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <input type="hidden" name="paymentId" value={paymentId} />
          <div>
            <ReasonField
              inputRef={reasonRef}
              value={reason}
              onChange={setReason}
              errors={fieldErrors?.reason}
              hint="Shown in the payment's history and the audit log (3 to 500 characters)."
            />
          </div>
          <div aria-live="polite" aria-atomic="true">
            {current && !current.ok ? (
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
                {staffPaymentFailure(current, "void").message}
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
              Keep the payment
            </button>
            <button
              type="submit"
              disabled={isPending || reason.trim().length < 3}
              aria-disabled={isPending || reason.trim().length < 3}
              className={buttonClass("danger")}
            >
              {isPending ? "Voiding…" : `Void ${amount}`}
            </button>
          </div>
        </form>
      </ModalDialog>
    </div>
  );
}
