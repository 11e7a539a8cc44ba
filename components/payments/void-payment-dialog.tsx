"use client";

import { useRef, useState } from "react";
import { Notice } from "@/components/ui/form-message";
import {
  ReasonField,
  StaffPaymentDialog,
  type TDialogPayment,
  useStaffPaymentDialog,
} from "@/components/payments/void-refund-dialog-shell";
import { formatCents } from "@/lib/money";
import { voidPaymentAction } from "@/lib/payments/staff-actions";
import type { TVoidPaymentResult } from "@/lib/payments/void-payment";

/**
 * Void a payment before it settles: the whole amount, with a reason, behind a confirm dialog.
 * Voiding again is safe: the server reuses the same void (same idempotency key) and a voided
 * payment stays voided.
 */
export function VoidPaymentDialog({ payment }: { payment: TDialogPayment }) {
  const { id: paymentId, receiptNumber, amountCents, currency, canVoid } = payment;
  const dialog = useStaffPaymentDialog<TVoidPaymentResult>(voidPaymentAction);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const { success, isPending } = dialog;
  const amount = formatCents(amountCents, currency);

  return (
    <StaffPaymentDialog
      dialog={dialog}
      verb="void"
      paymentId={paymentId}
      result={
        <>
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
        </>
      }
      trigger={canVoid ? { label: "Void payment…", variant: "danger" } : null}
      onOpen={() => setReason("")}
      title={`Void payment ${receiptNumber}?`}
      description={
        <p>
          Voiding cancels the whole payment of {amount} before it settles: the payer is not charged, and the
          amount is owed again on the statements it paid. This can&apos;t be undone.
        </p>
      }
      initialFocusRef={reasonRef}
      isConfirmed={reason.trim().length >= 3}
      cancelLabel="Keep the payment"
      submitLabel={isPending ? "Voiding…" : `Void ${amount}`}
    >
      <ReasonField
        inputRef={reasonRef}
        value={reason}
        onChange={setReason}
        errors={dialog.fieldErrors?.reason}
        hint="Shown in the payment's history and the audit log (3 to 500 characters)."
      />
    </StaffPaymentDialog>
  );
}
