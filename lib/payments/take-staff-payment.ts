import "server-only";
import type { TStaffActor } from "@/lib/auth/session";
import type { TGateway } from "@/lib/gateway";
import { payBill, type TPayBillResult } from "@/lib/payments/pay-bill";
import type { TTakePaymentInput } from "@/lib/payments/schemas";
import type { TRequestContext } from "@/lib/request-context";

/**
 * The virtual terminal: a staff member (`payments.take`, checked by the action) takes a payment
 * for an account of their practice, by phone, by mail or at the desk. It is the patient's pay
 * path (payBill) with the staff member as the payer: the same allocation rules, balance checks,
 * exactly-once idempotency key and gateway call; recorded with the channel the clerk chose and
 * `takenByUserId` = the clerk; no patient login is the payer, and the receipt goes to the address
 * the clerk typed (none if left empty), in the language the clerk chose for it (English unless
 * Spanish was chosen), kept as the payment's `payerLocale`. A saved method must be one the patient allows staff to
 * charge (lib/saved-methods/staff-chargeable.ts). Another practice's account, like a missing
 * one, is NOT_FOUND and nothing is charged.
 */
export const takeStaffPayment = ({
  actor,
  input,
  context,
  gateway,
}: {
  actor: TStaffActor;
  input: TTakePaymentInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TPayBillResult> => {
  const { accountId, channel, receiptLocale, ...pay } = input;
  return payBill({
    payer: {
      kind: "staff",
      accountId,
      practiceId: actor.practiceId,
      userId: actor.userId,
      email: actor.email,
      role: actor.role,
      ...(receiptLocale ? { receiptLocale } : {}),
    },
    input: pay,
    channel,
    context,
    ...(gateway ? { gateway } : {}),
  });
};
