import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentChannel, PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { getDb, queryRows } from "@/lib/db";
import { paymentStatusFromGateway } from "@/lib/gateway/status";
import type { TGatewayPayment } from "@/lib/gateway/types";
import { newId } from "@/lib/db/ids";
import { emitPaymentEvent, paymentEventsSql, type TPaymentEventType } from "@/lib/events/payment-events";
import { log } from "@/lib/log";
import { restoreAllocations } from "@/lib/payments/ledger";
import { countPaymentOutcome } from "@/lib/payments/outcome-metrics";
import { mayMoveTo } from "@/lib/payments/transitions";
import { wakeReceiptSender } from "@/lib/receipts/receipt-email-queue";

const KIND: Record<TGatewayPayment["method"]["kind"], PaymentMethodKind> = {
  card: "CARD",
  ach: "ACH",
  apple_pay: "APPLE_PAY",
  google_pay: "GOOGLE_PAY",
};

/**
 * Row lock for the rest of the transaction: the charge's answer, a webhook and reconciliation
 * may apply an outcome to the same payment at the same moment; they take turns.
 */
export const lockPayment = (tx: Prisma.TransactionClient, paymentId: string) =>
  tx.$queryRaw`SELECT id FROM "payment" WHERE id = ${paymentId} FOR UPDATE`;

/** Locks a payment (lockPayment) and reads what its balances depend on. */
export const lockPaymentLedger = async (tx: Prisma.TransactionClient, paymentId: string) => {
  await lockPayment(tx, paymentId);
  return tx.payment.findUniqueOrThrow({
    where: { id: paymentId },
    select: {
      id: true,
      status: true,
      channel: true,
      methodKind: true,
      amountCents: true,
      refundedCents: true,
      currency: true,
      allocations: { select: { statementId: true, amountCents: true }, orderBy: { createdAt: "asc" } },
    },
  });
};

/** Approved: the money was taken. A payment that gets here from PENDING owes its payer a receipt. */
const isApproved = (status: PaymentStatus) => status === "CAPTURED" || status === "SETTLED";

/** Statuses in which the payment's amount (less refunds) is off the statements' balances. */
export const HOLDS_BALANCE: PaymentStatus[] = [
  "PENDING",
  "AUTHORIZED",
  "CAPTURED",
  "SETTLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
];

/**
 * The common case in one statement: a PENDING payment that the gateway approved. The update
 * applies only while the payment is still PENDING (so a webhook or reconciliation that got
 * there first wins, and this one changes nothing); the same statement records the payment's
 * history event, makes the receipt email due, and writes the integration events
 * (payment.approved, and payment.settled for a payment the gateway settled at once) with their
 * webhook deliveries (paymentEventsSql): one round trip, no interactive transaction. Returns
 * whether it applied.
 */
const approvePending = async (
  paymentId: string,
  gp: TGatewayPayment,
  next: "CAPTURED" | "SETTLED",
  source: string,
) => {
  const data = { from: "PENDING", source, gatewayStatus: gp.status, returnCode: gp.returnCode };
  const types: TPaymentEventType[] =
    next === "SETTLED" ? ["payment.approved", "payment.settled"] : ["payment.approved"];
  // Past Prisma Client (lib/db queryRows): it runs on every approved payment.
  const [row] = await queryRows<{ applied: number; channel: PaymentChannel | null }>(Prisma.sql`
    WITH approved AS (
      UPDATE "payment"
         SET status = ${next}::"PaymentStatus",
             "gatewayTransactionId" = ${gp.id},
             "authorizationCode" = ${gp.authorizationCode},
             "methodKind" = ${KIND[gp.method.kind]}::"PaymentMethodKind",
             brand = ${gp.method.brand},
             last4 = ${gp.method.last4},
             "declineCode" = ${gp.declineCode},
             "declineMessage" = ${gp.declineMessage},
             "capturedAt" = ${gp.createdAt},
             "settledAt" = ${gp.settledAt},
             "receiptEmailDueAt" = now(),
             "updatedAt" = now()
       WHERE id = ${paymentId} AND status = 'PENDING'
      RETURNING *
    ), history AS (
      INSERT INTO "payment_event" (id, "paymentId", type, data, "updatedAt")
      SELECT ${newId()}, id, ${`status.${next.toLowerCase()}`}, ${JSON.stringify(data)}::jsonb, now() FROM approved
      RETURNING id
    ), ${paymentEventsSql({ source: "approved", types })}
    SELECT count(*)::int AS applied, min(channel::text) AS channel FROM approved`);
  if (row?.applied !== 1) return false;
  if (row.channel) countPaymentOutcome({ to: next, channel: row.channel });
  return true;
};

/**
 * The integration events (docs/webhooks.md) of a move the gateway reported, in order. A refund
 * the gateway reports while one of ours is in flight is left to that refund's record
 * (recordRefund), which knows its amount and id, so it is told once.
 */
const eventsOfMove = async (
  tx: Prisma.TransactionClient,
  { paymentId, from, to }: { paymentId: string; from: PaymentStatus; to: PaymentStatus },
): Promise<TPaymentEventType[]> => {
  switch (to) {
    case "CAPTURED":
      return isApproved(from) ? [] : ["payment.approved"];
    case "SETTLED":
      return isApproved(from) ? ["payment.settled"] : ["payment.approved", "payment.settled"];
    case "DECLINED":
      return ["payment.declined"];
    case "FAILED":
      return ["payment.failed"];
    case "VOIDED":
      return ["payment.voided"];
    case "RETURNED":
      return ["payment.returned"];
    case "PARTIALLY_REFUNDED":
    case "REFUNDED": {
      const ours = await tx.refund.count({ where: { paymentId, kind: "REFUND", status: "PENDING" } });
      return ours > 0 ? [] : ["payment.refunded"];
    }
    case "PENDING":
    case "AUTHORIZED":
      return [];
  }
};

/**
 * Brings our Payment in line with what the gateway says about it, from any path (the charge's
 * own answer, reconciliation, a webhook). Idempotent: applying the same gateway state twice
 * changes nothing the second time. Balances: a payment that stops holding money (declined,
 * voided, returned) gives back what it still held. An approval of a PENDING payment makes its
 * receipt email due, in the same transaction, and wakes the receipt sender.
 */
export const applyGatewayOutcome = async ({
  paymentId,
  gatewayPayment: gp,
  source,
}: {
  paymentId: string;
  gatewayPayment: TGatewayPayment;
  source: "charge" | "reconcile" | "webhook";
}): Promise<PaymentStatus> => {
  const reported = paymentStatusFromGateway(gp);
  if (
    (reported === "CAPTURED" || reported === "SETTLED") &&
    (await approvePending(paymentId, gp, reported, source))
  ) {
    wakeReceiptSender();
    return reported;
  }
  const db = await getDb();
  const { status, receiptDue, leftPending } = await db.$transaction(async (tx) => {
    const payment = await lockPaymentLedger(tx, paymentId);
    if (reported === payment.status) {
      if (gp.settledAt && reported !== "VOIDED") {
        await tx.payment.updateMany({
          where: { id: payment.id, settledAt: null },
          data: { settledAt: gp.settledAt },
        });
      }
      return { status: payment.status, receiptDue: false, leftPending: null };
    }
    // Events arrive late and out of order: a late "approved" must not undo a void, nor a late
    // "settled" a refund; an end state stays one; only a bank debit is ever returned.
    if (!mayMoveTo({ current: payment.status, reported, methodKind: payment.methodKind })) {
      if (payment.status === "FAILED" && isApproved(reported)) {
        // Our books say no money moved, and gave the balance back; the gateway took it. Nothing
        // here can tell whether to keep it (the balance may since have been paid another way),
        // so a person must look: refund it at the gateway, or reinstate it with the patient.
        log.error(
          { paymentId: payment.id, gatewayPaymentId: gp.id, source },
          "[payments] the gateway approved a payment recorded as failed: its money was taken. Refund it at the gateway or reinstate it.",
        );
      }
      await tx.paymentEvent.create({
        data: {
          paymentId: payment.id,
          type: "status.ignored",
          data: { current: payment.status, reported, source, gatewayStatus: gp.status },
        },
      });
      return { status: payment.status, receiptDue: false, leftPending: null };
    }
    const next = reported;

    const receiptDue = payment.status === "PENDING" && isApproved(next);
    const data: Prisma.PaymentUpdateInput = {
      status: next,
      gatewayTransactionId: gp.id,
      authorizationCode: gp.authorizationCode,
      methodKind: KIND[gp.method.kind],
      brand: gp.method.brand,
      last4: gp.method.last4,
      declineCode: gp.declineCode,
      declineMessage: gp.declineMessage,
    };
    if (gp.status !== "declined") data.capturedAt = gp.createdAt;
    if (gp.settledAt) data.settledAt = gp.settledAt;
    if (gp.voidedAt) data.voidedAt = gp.voidedAt;
    if (gp.returnedAt) data.returnedAt = gp.returnedAt;
    if (receiptDue) data.receiptEmailDueAt = new Date();

    const wasHolding = HOLDS_BALANCE.includes(payment.status);
    const isHolding = HOLDS_BALANCE.includes(next);
    if (wasHolding && !isHolding) {
      await restoreAllocations(
        tx,
        payment.allocations,
        payment.amountCents - payment.refundedCents,
        payment.refundedCents,
      );
    }
    await tx.payment.update({ where: { id: payment.id }, data });
    await tx.paymentEvent.create({
      data: {
        paymentId: payment.id,
        type: `status.${next.toLowerCase()}`,
        data: { from: payment.status, source, gatewayStatus: gp.status, returnCode: gp.returnCode },
      },
    });
    for (const type of await eventsOfMove(tx, { paymentId: payment.id, from: payment.status, to: next })) {
      await emitPaymentEvent(tx, { paymentId: payment.id, type, returnCode: gp.returnCode });
    }
    return { status: next, receiptDue, leftPending: payment.status === "PENDING" ? payment.channel : null };
  });
  if (leftPending) countPaymentOutcome({ to: status, channel: leftPending });
  if (receiptDue) wakeReceiptSender();
  return status;
};

/** The gateway never charged (it refused before charging, or never saw the request). */
export const markPaymentFailed = async ({ paymentId, reason }: { paymentId: string; reason: string }) => {
  const db = await getDb();
  const failedChannel = await db.$transaction(async (tx) => {
    const payment = await lockPaymentLedger(tx, paymentId);
    if (payment.status !== "PENDING") return null;
    await restoreAllocations(tx, payment.allocations, payment.amountCents);
    await tx.payment.update({ where: { id: paymentId }, data: { status: "FAILED", declineMessage: reason } });
    await tx.paymentEvent.create({ data: { paymentId, type: "status.failed", data: { reason } } });
    await emitPaymentEvent(tx, { paymentId, type: "payment.failed" });
    return payment.channel;
  });
  if (failedChannel) countPaymentOutcome({ to: "FAILED", channel: failedChannel });
};
