import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitEvent, type TEventType } from "@/lib/events/emit";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a payment event says of its payment (docs/webhooks.md, "payment.*"). */
const PAYMENT_EVENT_SELECT = {
  id: true,
  practiceId: true,
  accountId: true,
  status: true,
  amountCents: true,
  refundedCents: true,
  currency: true,
  channel: true,
  methodKind: true,
  brand: true,
  last4: true,
  receiptNumber: true,
  gatewayTransactionId: true,
  authorizationCode: true,
  declineCode: true,
  declineMessage: true,
  createdAt: true,
  capturedAt: true,
  settledAt: true,
  voidedAt: true,
  returnedAt: true,
  account: { select: { accountNumber: true } },
  allocations: {
    select: { amountCents: true, statement: { select: { statementNumber: true } } },
    orderBy: { createdAt: "asc" },
  },
  installments: { select: { planId: true }, take: 1 },
} satisfies Prisma.PaymentSelect;

export type TPaymentEventType = Extract<TEventType, `payment.${string}`>;

/** The refund (or void) a payment.refunded / payment.voided event is about. */
export type TEventRefund = {
  id: string;
  amountCents: number;
  gatewayRefundId: string | null;
  reason?: string;
};

/**
 * Emits a payment event (emitEvent) in the caller's transaction, after the change it reports
 * is written: the body is the payment as it now is. Never carries a card or bank number (the
 * payment has none), a date of birth, the payer's name or email (docs/webhooks.md says why).
 */
export const emitPaymentEvent = async (
  tx: Prisma.TransactionClient,
  {
    paymentId,
    type,
    refund,
    returnCode,
  }: { paymentId: string; type: TPaymentEventType; refund?: TEventRefund; returnCode?: string | null },
) => {
  const p = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: PAYMENT_EVENT_SELECT });
  const data = {
    object: "payment",
    payment: {
      id: p.id,
      status: p.status.toLowerCase(),
      amount_cents: p.amountCents,
      refunded_cents: p.refundedCents,
      currency: p.currency,
      channel: p.channel.toLowerCase(),
      method: { kind: p.methodKind.toLowerCase(), brand: p.brand, last4: p.last4 },
      receipt_number: p.receiptNumber,
      account_number: p.account.accountNumber,
      plan_id: p.installments[0]?.planId ?? null,
      applied_to: p.allocations.map((a) => ({
        statement_number: a.statement.statementNumber,
        amount_cents: a.amountCents,
      })),
      gateway_transaction_id: p.gatewayTransactionId,
      authorization_code: p.authorizationCode,
      decline_code: p.declineCode,
      decline_message: p.declineMessage,
      created_at: iso(p.createdAt),
      captured_at: iso(p.capturedAt),
      settled_at: iso(p.settledAt),
      voided_at: iso(p.voidedAt),
      returned_at: iso(p.returnedAt),
    },
    ...(refund
      ? {
          refund: {
            id: refund.id,
            amount_cents: refund.amountCents,
            currency: p.currency,
            gateway_refund_id: refund.gatewayRefundId,
          },
        }
      : {}),
    ...(type === "payment.returned" ? { return_code: returnCode ?? null } : {}),
  };
  return emitEvent(tx, {
    practiceId: p.practiceId,
    type,
    data,
    paymentId: p.id,
    accountId: p.accountId,
    planId: p.installments[0]?.planId ?? null,
  });
};
