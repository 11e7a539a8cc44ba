import "server-only";
import { emitPaymentEvent } from "@/lib/events/payment-events";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import { gatewayUserError } from "@/lib/gateway/user-errors";
import type { TGatewayPayment } from "@/lib/gateway/types";
import type { TActor, TStaffActor } from "@/lib/auth/session";
import type { TRequestContext } from "@/lib/request-context";
import { applyGatewayOutcome, HOLDS_BALANCE, lockPayment } from "@/lib/payments/apply-gateway-outcome";
import { restoreAllocations } from "@/lib/payments/ledger";
import { VOIDABLE_STATUSES } from "@/lib/payments/refundable";
import {
  assertTakenHere,
  catchUpWithGateway,
  checkStaffChange,
  failRefundRow,
  lockRefundRow,
  recordUnansweredChange,
} from "@/lib/payments/staff-access";
import { annotateRequest, log } from "@/lib/log";

export const SETTLED_VOID_MESSAGE = "This payment has settled; refund it instead.";

export type TVoidPaymentResult = {
  /** The Refund row (kind VOID) that records the void; null for a payment voided elsewhere. */
  refundId: string | null;
  /** PENDING: the gateway's answer was lost; voiding again retries with the same key. */
  status: "SUCCEEDED" | "PENDING";
  paymentStatus: PaymentStatus;
};

const notVoidable = (status: PaymentStatus): AppError => {
  const message = `cannot void a ${status} payment`;
  switch (status) {
    case "SETTLED":
    case "PARTIALLY_REFUNDED":
    case "REFUNDED":
      return new AppError("NOT_VOIDABLE", { message, userMessage: SETTLED_VOID_MESSAGE });
    case "PENDING":
      return new AppError("NOT_VOIDABLE", {
        message,
        userMessage:
          "The processor hasn't confirmed this payment yet, so it can't be voided. Try again in a few minutes.",
      });
    case "DECLINED":
    case "FAILED":
      return new AppError("NOT_VOIDABLE", {
        message,
        userMessage: "No money was taken for this payment, so there is nothing to void.",
      });
    case "RETURNED":
      return new AppError("NOT_VOIDABLE", {
        message,
        userMessage: "The bank returned this payment, so there is nothing to void.",
      });
    case "VOIDED":
      return new AppError("ALREADY_VOIDED", { message, userMessage: "This payment is already voided." });
    case "AUTHORIZED":
    case "CAPTURED":
      return new AppError("NOT_VOIDABLE", {
        message,
        userMessage: "This payment can't be voided right now. Reload the page and try again.",
      });
  }
};

/**
 * Records a void the gateway has done, in one transaction: the Refund row SUCCEEDED, the
 * payment VOIDED with its balances given back (applyGatewayOutcome's rule: a payment that
 * stops holding money gives back what it still held), the events and the audit row.
 * Idempotent: a second call for the same row, or a webhook that got there first, changes
 * nothing twice.
 */
const recordVoid = async ({
  paymentId,
  refundId,
  gatewayPayment,
  actor,
  context,
}: {
  paymentId: string;
  refundId: string;
  gatewayPayment: TGatewayPayment | null;
  actor: TActor;
  context: TRequestContext;
}): Promise<PaymentStatus> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { payment, refund, audit } = await lockRefundRow(tx, {
      kind: "void",
      paymentId,
      refundId,
      actor,
      context,
    });
    if (refund.status === "SUCCEEDED") return payment.status;
    if (payment.status !== "VOIDED") {
      if (HOLDS_BALANCE.includes(payment.status)) {
        await restoreAllocations(
          tx,
          payment.allocations,
          payment.amountCents - payment.refundedCents,
          payment.refundedCents,
        );
      }
      await tx.payment.update({
        where: { id: paymentId },
        data: { status: "VOIDED", voidedAt: gatewayPayment?.voidedAt ?? new Date() },
      });
      await tx.paymentEvent.create({
        data: {
          paymentId,
          type: "status.voided",
          data: { from: payment.status, source: "void", gatewayStatus: gatewayPayment?.status ?? null },
        },
      });
      await emitPaymentEvent(tx, {
        paymentId,
        type: "payment.voided",
        refund: { id: refundId, amountCents: refund.amountCents, gatewayRefundId: null },
      });
    }
    await tx.refund.update({ where: { id: refundId }, data: { status: "SUCCEEDED" } });
    await tx.paymentEvent.create({
      data: { paymentId, type: "void.succeeded", data: { refundId, byUserId: actor.userId } },
    });
    await audit();
    return "VOIDED" as const;
  });
};

/** A payment that is already VOIDED: a void of it is a success; a void left PENDING is finished. */
const alreadyVoided = async ({
  paymentId,
  actor,
  context,
}: {
  paymentId: string;
  actor: TActor;
  context: TRequestContext;
}): Promise<TVoidPaymentResult> => {
  annotateRequest({ paymentId });
  const db = await getDb();
  const voids = await db.refund.findMany({
    where: { paymentId, kind: "VOID", status: { in: ["PENDING", "SUCCEEDED"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true },
  });
  for (const v of voids.filter((x) => x.status === "PENDING")) {
    await recordVoid({ paymentId, refundId: v.id, gatewayPayment: null, actor, context });
  }
  return { refundId: voids[0]?.id ?? null, status: "SUCCEEDED", paymentStatus: "VOIDED" };
};

/**
 * Staff void of a payment the gateway has not settled yet (the whole amount; nothing reaches
 * the card statement). Records the intent first (a Refund row, kind VOID, PENDING) and sends
 * its id as the gateway's idempotency key; a retry reuses that row. Voiding a voided payment
 * is a success. A settled payment is refused: it is refunded instead.
 */
export const voidPayment = async ({
  actor,
  paymentId,
  reason,
  context,
  gateway = getGateway(),
}: {
  actor: TStaffActor;
  paymentId: string;
  reason: string;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TVoidPaymentResult> => {
  const why = await checkStaffChange({ kind: "void", actor, paymentId, reason, context });
  const db = await getDb();
  // A payment of the staff member's practice; another practice's is the same NOT_FOUND.
  const payment = await db.payment.findFirst({
    where: { id: paymentId, practiceId: actor.practiceId },
    select: { status: true, gatewayTransactionId: true, channel: true },
  });
  if (!payment) throw notFoundError("payment");
  assertTakenHere("void", payment.channel);
  if (payment.status === "VOIDED") return alreadyVoided({ paymentId, actor, context });
  if (!VOIDABLE_STATUSES.includes(payment.status)) throw notVoidable(payment.status);
  const gatewayTransactionId = payment.gatewayTransactionId;
  if (!gatewayTransactionId) throw notVoidable("PENDING");

  // The intent, before the gateway hears of it. A void still PENDING (lost answer) is reused,
  // so its id (the idempotency key) is the same on every retry.
  const intent = await db.$transaction(async (tx) => {
    await lockPayment(tx, paymentId);
    const p = await tx.payment.findUniqueOrThrow({
      where: { id: paymentId },
      select: { status: true, amountCents: true, refundedCents: true, currency: true },
    });
    if (p.status === "VOIDED") return null;
    if (!VOIDABLE_STATUSES.includes(p.status)) throw notVoidable(p.status);
    const pending = await tx.refund.findFirst({
      where: { paymentId, kind: "VOID", status: "PENDING" },
      select: { id: true },
    });
    if (pending) return pending;
    const created = await tx.refund.create({
      data: {
        paymentId,
        kind: "VOID",
        amountCents: p.amountCents - p.refundedCents,
        currency: p.currency,
        reason: why,
        createdByUserId: actor.userId,
      },
      select: { id: true },
    });
    await tx.paymentEvent.create({
      data: { paymentId, type: "void.requested", data: { refundId: created.id, byUserId: actor.userId } },
    });
    return created;
  });
  if (!intent) return alreadyVoided({ paymentId, actor, context });
  const refundId = intent.id;

  let gp: TGatewayPayment;
  try {
    gp = await gateway.voidPayment({ paymentId: gatewayTransactionId, idempotencyKey: refundId });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (error.code === "INDETERMINATE") {
      await recordUnansweredChange({
        kind: "void",
        paymentId,
        refundId,
        cause: error,
        metadata: { reason: why },
        actor,
        context,
      });
      return { refundId, status: "PENDING", paymentStatus: payment.status };
    }
    if (error.gatewayCode === "already_voided") {
      gp = await gateway.getPayment(gatewayTransactionId);
    } else {
      await failRefundRow({
        kind: "void",
        paymentId,
        refundId,
        detail: error.gatewayCode ?? error.code,
        actor,
        context,
      });
      if (error.gatewayCode === "already_settled") {
        // Our record lagged the settlement batch: catch up, so the page offers a refund (best effort).
        await catchUpWithGateway({ paymentId, gatewayTransactionId, gateway }).catch((caught: unknown) =>
          log.warn(
            `[payments] could not refresh ${paymentId} from the gateway: ${(caught as Error).message}`,
          ),
        );
        throw new AppError("NOT_VOIDABLE", { message: error.message, userMessage: SETTLED_VOID_MESSAGE });
      }
      throw gatewayUserError(error, {
        otherwise:
          "We couldn't void the payment with the processor, and nothing changed. Try again in a moment.",
      });
    }
  }

  if (gp.status !== "voided") {
    await failRefundRow({
      kind: "void",
      paymentId,
      refundId,
      detail: `gateway status ${gp.status}`,
      actor,
      context,
    });
    const now = await applyGatewayOutcome({ paymentId, gatewayPayment: gp, source: "reconcile" });
    throw notVoidable(now);
  }
  const paymentStatus = await recordVoid({ paymentId, refundId, gatewayPayment: gp, actor, context });
  return { refundId, status: "SUCCEEDED", paymentStatus };
};
