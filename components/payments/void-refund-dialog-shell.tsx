"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass, type TButtonVariant } from "@/components/ui/button-class";
import { controlClass, Field } from "@/components/ui/field";
import type { FormState, TErrorCode } from "@/lib/result";

/**
 * What the staff void and refund dialogs share: a native <dialog> (modal, focus trapped by the
 * browser, Escape closes, focus goes back to the button that opened it), the dialog's state, its
 * button, form and result region, and the mapping of result codes to what the staffer reads.
 */

function ModalDialog({
  isOpen,
  onClose,
  returnFocusRef,
  fallbackFocusRef,
  initialFocusRef,
  title,
  description,
  isBusy,
  children,
}: {
  isOpen: boolean;
  /** The dialog closed (Escape, Cancel, or isOpen turned false). */
  onClose: () => void;
  /** Focus goes back here when the dialog closes: the button that opened it. */
  returnFocusRef: React.RefObject<HTMLElement | null>;
  /** …or here, when that button is gone (the payment can no longer be voided or refunded). */
  fallbackFocusRef?: React.RefObject<HTMLElement | null>;
  /** Focus goes here when the dialog opens. */
  initialFocusRef?: React.RefObject<HTMLElement | null>;
  title: React.ReactNode;
  description: React.ReactNode;
  /** While the request is in flight, Escape does not close the dialog. */
  isBusy: boolean;
  children: React.ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen, initialFocusRef]);
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        if (isBusy) event.preventDefault();
      }}
      onClose={() => {
        onClose();
        (returnFocusRef.current ?? fallbackFocusRef?.current)?.focus();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id={titleId} className="text-xl font-semibold">
          {title}
        </h2>
        <div id={descriptionId} className="text-slate-700">
          {description}
        </div>
        {children}
      </div>
    </dialog>
  );
}

/**
 * The payment as both dialogs read it. When it can't be voided (refunded) any more, the dialog
 * renders only its result region, which must outlive the button.
 */
export type TDialogPayment = {
  id: string;
  receiptNumber: string;
  amountCents: number;
  refundableCents: number;
  currency: string;
  last4: string | null;
  canVoid: boolean;
  canRefund: boolean;
};

/** The state of a void or refund dialog: its action's result, and whether it is open. */
export const useStaffPaymentDialog = <TResult,>(
  action: (state: FormState<TResult>, formData: FormData) => Promise<FormState<TResult>>,
) => {
  const [state, dispatch, isPending] = useActionState<FormState<TResult>, FormData>(action, null);
  const [isOpen, setIsOpen] = useState(false);
  // The result shown inside the dialog is the one of this opening, not of an earlier one.
  const [staleState, setStaleState] = useState<FormState<TResult>>(null);
  const current = state === staleState ? null : state;
  return {
    state,
    current,
    isPending,
    // A void or refund that went through (or is pending) closes the dialog; the result shows beside the button.
    isDialogOpen: isOpen && !current?.ok,
    fieldErrors: current && !current.ok ? current.fieldErrors : undefined,
    success: state?.ok ? state.data : null,
    open: () => {
      setStaleState(state);
      setIsOpen(true);
    },
    close: () => setIsOpen(false),
    submit: (formData: FormData) => startTransition(() => dispatch(formData)),
  };
};

/**
 * A void or refund: the result region (it must outlive the button, which goes when the payment
 * can no longer be voided or refunded), the button that opens the dialog, and the dialog's form
 * with the failure message and the Cancel and confirm buttons. `children` are the form's fields.
 */
export const StaffPaymentDialog = ({
  dialog,
  verb,
  paymentId,
  result,
  trigger,
  onOpen,
  title,
  description,
  initialFocusRef,
  beforeSubmit,
  isConfirmed,
  cancelLabel,
  submitLabel,
  children,
}: {
  dialog: Pick<
    ReturnType<typeof useStaffPaymentDialog<unknown>>,
    "current" | "isPending" | "isDialogOpen" | "open" | "close" | "submit"
  >;
  verb: "void" | "refund";
  paymentId: string;
  /** What the last void or refund did, shown beside the button. */
  result: React.ReactNode;
  /** The button that opens the dialog; null when there is nothing to void or refund. */
  trigger: { label: string; variant: TButtonVariant } | null;
  /** Resets the fields for a new opening. */
  onOpen: () => void;
  title: string;
  description: React.ReactNode;
  initialFocusRef: React.RefObject<HTMLElement | null>;
  /** Adds what the fields do not carry (the refund's idempotency key). */
  beforeSubmit?: (formData: FormData) => void;
  /** The confirm button stays disabled until the fields say yes. */
  isConfirmed: boolean;
  cancelLabel: string;
  submitLabel: string;
  children: React.ReactNode;
}) => {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const { current, isPending } = dialog;
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isConfirmed || isPending) return;
    const formData = new FormData(event.currentTarget);
    beforeSubmit?.(formData);
    dialog.submit(formData);
  };
  return (
    <div className="flex flex-col gap-3">
      <div ref={resultRef} tabIndex={-1} aria-live="polite" aria-atomic="true">
        {result}
      </div>
      {trigger ? (
        <div>
          <button
            type="button"
            ref={triggerRef}
            onClick={() => {
              onOpen();
              dialog.open();
            }}
            className={buttonClass(trigger.variant)}
          >
            {trigger.label}
          </button>
        </div>
      ) : null}
      <ModalDialog
        isOpen={dialog.isDialogOpen}
        onClose={dialog.close}
        returnFocusRef={triggerRef}
        fallbackFocusRef={resultRef}
        initialFocusRef={initialFocusRef}
        isBusy={isPending}
        title={title}
        description={description}
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <input type="hidden" name="paymentId" value={paymentId} />
          {children}
          <div aria-live="polite" aria-atomic="true">
            {current && !current.ok ? (
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
                {staffPaymentFailure(current, verb).message}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap justify-end gap-3">
            <button
              type="button"
              onClick={dialog.close}
              disabled={isPending}
              className={buttonClass("secondary")}
            >
              {cancelLabel}
            </button>
            <button
              type="submit"
              disabled={!isConfirmed || isPending}
              aria-disabled={!isConfirmed || isPending}
              className={buttonClass("danger")}
            >
              {submitLabel}
            </button>
          </div>
        </form>
      </ModalDialog>
    </div>
  );
};

export type TFailureView = {
  message: string;
  /**
   * Whether the attempt is over for sure (nothing was done, or the gateway refused it), so the
   * next submit is a new refund with a new idempotency key. Otherwise the next submit retries
   * the same one, which can never refund twice.
   */
  isAttemptSpent: boolean;
};

/** Every result code, mapped to what a staffer reads after a void or refund fails. */
export const staffPaymentFailure = (
  result: { code: TErrorCode; message: string },
  verb: "void" | "refund",
): TFailureView => {
  switch (result.code) {
    case "VALIDATION":
    case "AMOUNT_EXCEEDS_BALANCE":
    case "NOT_VOIDABLE":
    case "NOT_REFUNDABLE":
    case "ALREADY_VOIDED":
    case "GATEWAY_UNAVAILABLE":
    case "OVER_REFUND_LIMIT":
    case "NOT_FOUND":
    case "STEP_UP_REQUIRED":
      // The server's message is specific (it names the refundable amount, or says to void or
      // refund instead); nothing was sent or the gateway refused.
      return { message: result.message, isAttemptSpent: true };
    case "FORBIDDEN":
      return {
        message: `You don't have permission to ${verb} payments. Ask an administrator.`,
        isAttemptSpent: true,
      };
    case "UNAUTHENTICATED":
      return {
        message: "Your session has ended. Sign in again, then reload this page.",
        isAttemptSpent: false,
      };
    case "RATE_LIMITED":
      return { message: "Too many attempts. Wait a minute, then try again.", isAttemptSpent: false };
    case "PAYMENT_PENDING":
      return {
        message: `The processor hasn't answered yet. Try again in a moment; the same ${verb} is retried and can't happen twice.`,
        isAttemptSpent: false,
      };
    case "UNKNOWN":
      return {
        message: `${result.message} Trying again retries the same ${verb}; it can't happen twice.`,
        isAttemptSpent: false,
      };
    case "INVALID_CREDENTIALS":
    case "EMAIL_NOT_VERIFIED":
    case "EMAIL_TAKEN":
    case "TOKEN_INVALID":
    case "ALREADY_LINKED":
    case "CARD_DECLINED":
    case "METHOD_IN_USE":
    case "CONFLICT":
      // Not answers a void or refund gives; shown as sent, to be safe.
      return { message: result.message, isAttemptSpent: false };
  }
};

/** A labelled reason box with its error announced. */
export function ReasonField({
  value,
  onChange,
  errors,
  hint,
  inputRef,
}: {
  inputRef?: React.Ref<HTMLTextAreaElement>;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint: string;
}) {
  const t = useTranslations("StaffPaymentDialog");
  return (
    <Field label={t("reason")} hint={hint} errors={errors}>
      {(control) => (
        <textarea
          {...control}
          ref={inputRef}
          name="reason"
          required
          minLength={3}
          maxLength={500}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={controlClass(Boolean(errors?.length))}
        />
      )}
    </Field>
  );
}
