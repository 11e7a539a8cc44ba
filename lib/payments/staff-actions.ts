"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requireStaff, requireStaffWithStepUp } from "@/lib/auth/session";
import { refundPayment } from "@/lib/payments/refund-payment";
import { findPaymentAccountId } from "@/lib/payments/staff-queries";
import { updateLargeRefundThreshold } from "@/lib/payments/refund-threshold";
import { ZTakePaymentInput } from "@/lib/payments/schemas";
import { ZRefundPaymentInput, ZRefundThresholdInput, ZVoidPaymentInput } from "@/lib/payments/staff-schemas";
import { takeStaffPayment } from "@/lib/payments/take-staff-payment";
import { voidPayment } from "@/lib/payments/void-payment";

/** The payment page, its account page and the receipt show what a void or refund changed. */
const revalidatePayment = async ({ practiceId, paymentId }: { practiceId: string; paymentId: string }) => {
  revalidatePath(`/staff/payments/${paymentId}`);
  revalidatePath(`/receipts/${paymentId}`);
  const accountId = await findPaymentAccountId({ practiceId, paymentId });
  if (accountId) revalidatePath(`/staff/accounts/${accountId}`);
};

export const voidPaymentAction = defineAction({
  schema: ZVoidPaymentInput,
  guard: () => requireStaff("payments.void"),
  handler: async ({ input, auth, context }) => {
    try {
      return await voidPayment({ actor: auth, paymentId: input.paymentId, reason: input.reason, context });
    } finally {
      // A refusal can still have changed the page (a settled payment caught up with the gateway).
      await revalidatePayment({ practiceId: auth.practiceId, paymentId: input.paymentId });
    }
  },
});

export const refundPaymentAction = defineAction({
  schema: ZRefundPaymentInput,
  // A refund asks for the second factor again when the session's last check is over 15 minutes old.
  guard: () => requireStaffWithStepUp("payments.refund"),
  handler: async ({ input, auth, context }) => {
    try {
      return await refundPayment({
        actor: auth,
        paymentId: input.paymentId,
        amountCents: input.amount,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        context,
      });
    } finally {
      await revalidatePayment({ practiceId: auth.practiceId, paymentId: input.paymentId });
    }
  },
});

/** The virtual terminal (docs/billing-office.md): a payment taken by staff for an account. */
export const takeStaffPaymentAction = defineAction({
  schema: ZTakePaymentInput,
  guard: () => requireStaff("payments.take"),
  handler: async ({ input, auth, context }) => {
    try {
      return await takeStaffPayment({ actor: auth, input, context });
    } finally {
      // A decline or a retry changed the account's payments (and maybe its balances) too.
      revalidatePath(`/staff/accounts/${input.accountId}`);
    }
  },
});

/** Staff with `settings.manage` set the practice's large-refund threshold. */
export const updateRefundThresholdAction = defineAction({
  schema: ZRefundThresholdInput,
  guard: () => requireStaff("settings.manage"),
  handler: async ({ input, auth, context }) => {
    const result = await updateLargeRefundThreshold({
      actor: auth,
      thresholdCents: input.threshold,
      context,
    });
    revalidatePath("/staff/refund-limit");
    return result;
  },
});
