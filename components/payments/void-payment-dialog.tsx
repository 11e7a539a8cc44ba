"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("StaffVoid");
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
          {success?.status === "SUCCEEDED" ? <Notice tone="success">{t("voided", { amount })}</Notice> : null}
          {success?.status === "PENDING" ? <Notice tone="warning">{t("pending")}</Notice> : null}
        </>
      }
      trigger={canVoid ? { label: t("trigger"), variant: "danger" } : null}
      onOpen={() => setReason("")}
      title={t("title", { receiptNumber })}
      description={<p>{t("description", { amount })}</p>}
      initialFocusRef={reasonRef}
      isConfirmed={reason.trim().length >= 3}
      cancelLabel={t("cancel")}
      submitLabel={isPending ? t("voiding") : t("submit", { amount })}
    >
      <ReasonField
        inputRef={reasonRef}
        value={reason}
        onChange={setReason}
        errors={dialog.fieldErrors?.reason}
        hint={t("reasonHint")}
      />
    </StaffPaymentDialog>
  );
}
