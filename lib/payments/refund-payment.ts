import "server-only";
import { emitPaymentEvent } from "@/lib/events/payment-events";
import { randomUUID } from "node:crypto";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { getDb } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway, isGatewayError } from "@/lib/gateway";
import { gatewayUserError } from "@/lib/gateway/user-errors";
import type { TGatewayRefund } from "@/lib/gateway/types";
import type { TActor, TStaffActor } from "@/lib/auth/session";
import { formatCents } from "@/lib/money";
import type { TRequestContext } from "@/lib/request-context";
import { HOLDS_BALANCE, lockPayment } from "@/lib/payments/apply-gateway-outcome";
import { restoreBalance } from "@/lib/payments/ledger";
import {
  pendingRefundCents,
  REFUNDABLE_STATUSES,
  refundableCents,
  refundedStatusFor,
  refundParts,
  VOIDABLE_STATUSES,
} from "@/lib/payments/refundable";
import {
  assertTakenHere,
  assertWithinRefundLimit,
  catchUpWithGateway,
  checkStaffChange,
  failRefundRow,
  lockRefundRow,
  recordUnansweredChange,
} from "@/lib/payments/staff-access";
import { annotateRequest } from "@/lib/log";

export type TRefundPaymentResult = {
  refundId: string;
  /** PENDING: the gateway's answer was lost; the same refund (same key) can be retried. */
  status: "SUCCEEDED" | "PENDING";
  amountCents: number;
  currency: string;
  paymentStatus: PaymentStatus;
  /** What is left to refund, pending refunds held back. */
  refundableCents: number;
};

type TOptions = {
  actor: TStaffActor;
  paymentId: string;
  amountCents: number;
  reason: string;
  /**
   * Made by the refund form when it opens and kept across retries of the same refund. It
   * becomes the Refund row's id and the gateway's Idempotency-Key, so a double submit or a
   * retry after a lost answer refunds once.
   */
  idempotencyKey?: string;
  context: TRequestContext;
  gateway?: TGateway;
};

const notRefundable = (status: PaymentStatus, { isFullAmount }: { isFullAmount: boolean }): AppError => {
  const message = `cannot refund a ${status} payment`;
  const refuse = (userMessage: string) => new AppError("NOT_REFUNDABLE", { message, userMessage });
  switch (status) {
    case "AUTHORIZED":
    case "CAPTURED":
      return refuse(
        isFullAmount
          ? "This payment hasn't settled yet, so it can't be refunded. Void it instead: that cancels the whole payment."
          : "This payment hasn't settled yet, so it can't be partly refunded. Void it to cancel the whole payment, or refund part of it once it settles (usually by the next business day).",
      );
    case "REFUNDED":
      return refuse("This payment has already been refunded in full.");
    case "VOIDED":
      return new AppError("ALREADY_VOIDED", {
        message,
        userMessage: "This payment was voided, so nothing was charged and there is nothing to refund.",
      });
    case "PENDING":
      return refuse(
        "The processor hasn't confirmed this payment yet, so it can't be refunded. Try again in a few minutes.",
      );
    case "DECLINED":
    case "FAILED":
      return refuse("No money was taken for this payment, so there is nothing to refund.");
    case "RETURNED":
      return refuse("The bank returned this payment, so there is nothing to refund.");
    case "SETTLED":
    case "PARTIALLY_REFUNDED":
      return refuse("This payment can't be refunded right now. Reload the page and try again.");
  }
};

const overRefund = ({
  refundable,
  pending,
  currency,
}: {
  refundable: number;
  pending: number;
  currency: string;
}) => {
  const held = pending > 0 ? ` (${formatCents(pending, currency)} is held by a refund still pending)` : "";
  return new AppError("AMOUNT_EXCEEDS_BALANCE", {
    message: `refund over refundable ${refundable}`,
    userMessage:
      refundable > 0
        ? `The most you can refund is ${formatCents(refundable, currency)}${held}.`
        : `Nothing is left to refund on this payment${held}.`,
  });
};

/** Our record may lag the gateway's settlement batch: ask the gateway before refusing. */
const checkWithGateway = async (payment: {
  paymentId: string;
  gatewayTransactionId: string;
  gateway: TGateway;
}): Promise<PaymentStatus> => {
  try {
    return await catchUpWithGateway(payment);
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    throw gatewayUserError(error, {
      otherwise:
        "We couldn't check this payment with the processor, and nothing was refunded. Try again in a moment.",
    });
  }
};

/**
 * Records a refund the gateway has made, in one transaction: the Refund row SUCCEEDED with the
 * gateway's refund id, the payment's refundedCents and status, the statements' balances given
 * back (last allocation first, after what earlier refunds gave back), the events and the
 * audit row. Idempotent: a row already SUCCEEDED changes nothing.
 */
const recordRefund = async ({
  paymentId,
  refundId,
  gatewayRefund,
  actor,
  context,
}: {
  paymentId: string;
  refundId: string;
  gatewayRefund: TGatewayRefund;
  actor: TActor;
  context: TRequestContext;
}): Promise<TRefundPaymentResult> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { payment, refund, audit } = await lockRefundRow(tx, {
      kind: "refund",
      paymentId,
      refundId,
      actor,
      context,
    });
    let paymentStatus = payment.status;
    if (refund.status !== "SUCCEEDED") {
      const refundedCents = payment.refundedCents + refund.amountCents;
      if (HOLDS_BALANCE.includes(payment.status)) {
        const parts = refundParts({
          allocations: payment.allocations,
          alreadyRefundedCents: payment.refundedCents,
          amountCents: refund.amountCents,
        });
        for (const part of parts) await restoreBalance(tx, part.statementId, part.amountCents);
      }
      if (REFUNDABLE_STATUSES.includes(payment.status) || payment.status === "REFUNDED") {
        paymentStatus = refundedStatusFor({ amountCents: payment.amountCents, refundedCents });
      }
      await tx.payment.update({ where: { id: paymentId }, data: { refundedCents, status: paymentStatus } });
      await tx.refund.update({
        where: { id: refundId },
        data: { status: "SUCCEEDED", gatewayRefundId: gatewayRefund.id },
      });
      if (paymentStatus !== payment.status) {
        await tx.paymentEvent.create({
          data: {
            paymentId,
            type: `status.${paymentStatus.toLowerCase()}`,
            data: { from: payment.status, source: "refund", refundId },
          },
        });
      }
      await tx.paymentEvent.create({
        data: {
          paymentId,
          type: "refund.succeeded",
          data: { refundId, amountCents: refund.amountCents, gatewayRefundId: gatewayRefund.id },
        },
      });
      await emitPaymentEvent(tx, {
        paymentId,
        type: "payment.refunded",
        refund: { id: refundId, amountCents: refund.amountCents, gatewayRefundId: gatewayRefund.id },
      });
      await audit();
    }
    const refunds = await tx.refund.findMany({
      where: { paymentId },
      select: { kind: true, status: true, amountCents: true },
    });
    return {
      refundId,
      status: "SUCCEEDED",
      amountCents: refund.amountCents,
      currency: payment.currency,
      paymentStatus,
      refundableCents: refundableCents({ amountCents: payment.amountCents, refunds }),
    };
  });
};

/** Sends a PENDING Refund row to the gateway (first time or retry) and records the outcome. */
const sendRefund = async ({
  refund,
  paymentId,
  gatewayTransactionId,
  currency,
  actor,
  context,
  gateway,
}: {
  refund: { id: string; amountCents: number; reason: string };
  paymentId: string;
  gatewayTransactionId: string;
  currency: string;
  actor: TActor;
  context: TRequestContext;
  gateway: TGateway;
}): Promise<TRefundPaymentResult> => {
  const fail = async (detail: string) =>
    failRefundRow({ kind: "refund", paymentId, refundId: refund.id, detail, actor, context });
  let gatewayRefund: TGatewayRefund;
  try {
    gatewayRefund = await gateway.refundPayment({
      paymentId: gatewayTransactionId,
      amountCents: refund.amountCents,
      reason: refund.reason,
      idempotencyKey: refund.id,
    });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (error.code === "INDETERMINATE") {
      await recordUnansweredChange({
        kind: "refund",
        paymentId,
        refundId: refund.id,
        cause: error,
        metadata: { amountCents: refund.amountCents, reason: refund.reason },
        actor,
        context,
      });
      const db = await getDb();
      const p = await db.payment.findUniqueOrThrow({
        where: { id: paymentId },
        select: {
          status: true,
          amountCents: true,
          refunds: { select: { kind: true, status: true, amountCents: true } },
        },
      });
      return {
        refundId: refund.id,
        status: "PENDING",
        amountCents: refund.amountCents,
        currency,
        paymentStatus: p.status,
        refundableCents: refundableCents(p),
      };
    }
    await fail(error.gatewayCode ?? error.code);
    if (error.gatewayCode === "not_settled" || error.gatewayCode === "already_voided") {
      const now = await catchUpWithGateway({ paymentId, gatewayTransactionId, gateway }).catch(() => null);
      throw notRefundable(now ?? "CAPTURED", { isFullAmount: false });
    }
    throw gatewayUserError(error, {
      byCode: {
        AMOUNT_EXCEEDS_REFUNDABLE: {
          code: "AMOUNT_EXCEEDS_BALANCE",
          userMessage:
            "The processor says this is more than is left to refund on the payment. Nothing was refunded; reload the page to see what's left.",
        },
        REFUND_WINDOW_EXPIRED: {
          code: "NOT_REFUNDABLE",
          userMessage:
            "This payment is more than a year old, so the processor no longer accepts refunds for it. Nothing was refunded.",
        },
      },
      otherwise: "We couldn't refund through the processor, and nothing was refunded. Try again in a moment.",
    });
  }
  if (gatewayRefund.status !== "succeeded") {
    await fail(`gateway refund ${gatewayRefund.id} ${gatewayRefund.status}`);
    throw new AppError("GATEWAY_UNAVAILABLE", {
      message: `gateway refund ${gatewayRefund.id} failed`,
      userMessage: "The processor turned this refund down, and nothing was refunded.",
    });
  }
  return recordRefund({ paymentId, refundId: refund.id, gatewayRefund, actor, context });
};

/**
 * Staff refund, full or partial, of a settled payment. The refundable amount (the amount less
 * refunds that succeeded or are still pending) is read with the payment row locked, so two
 * refunds at once cannot both take the same money. Records the intent first (a Refund row,
 * PENDING, whose id is the gateway's idempotency key), then calls the gateway: success →
 * refunded (balances restored); a final gateway error → the row FAILED and nothing else
 * changes; no answer → the row stays PENDING and still holds its amount. A refund above the
 * practice's large-refund threshold needs payments.refund.large (lib/payments/refund-limit.ts).
 */
export const refundPayment = async ({
  actor,
  paymentId,
  amountCents,
  reason,
  idempotencyKey = randomUUID(),
  context,
  gateway = getGateway(),
}: TOptions): Promise<TRefundPaymentResult> => {
  annotateRequest({ paymentId });
  const why = await checkStaffChange({ kind: "refund", actor, paymentId, reason, context });
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new AppError("VALIDATION", { userMessage: "Enter an amount to refund, like 5.00." });
  }
  const db = await getDb();
  // A payment of the staff member's practice; another practice's is the same NOT_FOUND.
  const payment = await db.payment.findFirst({
    where: { id: paymentId, practiceId: actor.practiceId },
    select: {
      status: true,
      amountCents: true,
      currency: true,
      gatewayTransactionId: true,
      channel: true,
      refunds: { select: { kind: true, status: true, amountCents: true } },
      practice: { select: { largeRefundThresholdCents: true } },
    },
  });
  if (!payment) throw notFoundError("payment");
  assertTakenHere("refund", payment.channel);
  const { currency } = payment;
  await assertWithinRefundLimit({
    actor,
    paymentId,
    amountCents,
    thresholdCents: payment.practice.largeRefundThresholdCents,
    currency,
    context,
  });

  // The same refund again (double submit, or a retry after a lost answer).
  const existing = await db.refund.findUnique({
    where: { id: idempotencyKey },
    select: { id: true, paymentId: true, kind: true, status: true, amountCents: true, reason: true },
  });
  if (existing) {
    return replay({ existing, paymentId, amountCents, payment, actor, context, gateway });
  }

  let status = payment.status;
  const gatewayTransactionId = payment.gatewayTransactionId;
  const isFullAmount = amountCents >= refundableCents(payment);
  if (VOIDABLE_STATUSES.includes(status) && gatewayTransactionId) {
    status = await checkWithGateway({ paymentId, gatewayTransactionId, gateway });
  }
  if (status === "CAPTURED" || status === "AUTHORIZED" || !gatewayTransactionId) {
    throw notRefundable(gatewayTransactionId ? status : "PENDING", { isFullAmount });
  }
  if (!REFUNDABLE_STATUSES.includes(status)) throw notRefundable(status, { isFullAmount });

  const intent = await db.$transaction(async (tx) => {
    await lockPayment(tx, paymentId);
    if (await tx.refund.findUnique({ where: { id: idempotencyKey }, select: { id: true } })) return null;
    const p = await tx.payment.findUniqueOrThrow({
      where: { id: paymentId },
      select: {
        status: true,
        amountCents: true,
        refunds: { select: { kind: true, status: true, amountCents: true } },
      },
    });
    if (!REFUNDABLE_STATUSES.includes(p.status) || p.status === "CAPTURED") {
      throw notRefundable(p.status, { isFullAmount });
    }
    const refundable = refundableCents(p);
    if (amountCents > refundable) {
      throw overRefund({ refundable, pending: pendingRefundCents(p.refunds), currency });
    }
    const created = await tx.refund.create({
      data: {
        id: idempotencyKey,
        paymentId,
        kind: "REFUND",
        amountCents,
        currency,
        reason: why,
        createdByUserId: actor.userId,
      },
      select: { id: true, amountCents: true, reason: true },
    });
    await tx.paymentEvent.create({
      data: {
        paymentId,
        type: "refund.requested",
        data: { refundId: created.id, amountCents, byUserId: actor.userId },
      },
    });
    return created;
  });
  if (!intent)
    return refundPayment({ actor, paymentId, amountCents, reason, idempotencyKey, context, gateway });

  return sendRefund({ refund: intent, paymentId, gatewayTransactionId, currency, actor, context, gateway });
};

const replay = async ({
  existing,
  paymentId,
  amountCents,
  payment,
  actor,
  context,
  gateway,
}: {
  existing: {
    id: string;
    paymentId: string;
    kind: string;
    status: string;
    amountCents: number;
    reason: string;
  };
  paymentId: string;
  amountCents: number;
  payment: {
    status: PaymentStatus;
    amountCents: number;
    currency: string;
    gatewayTransactionId: string | null;
    refunds: { kind: "VOID" | "REFUND"; status: "PENDING" | "SUCCEEDED" | "FAILED"; amountCents: number }[];
  };
  actor: TActor;
  context: TRequestContext;
  gateway: TGateway;
}): Promise<TRefundPaymentResult> => {
  if (existing.paymentId !== paymentId || existing.kind !== "REFUND") {
    throw new AppError("VALIDATION", {
      message: `refund key ${existing.id} belongs to another payment or is a void`,
      userMessage: "This refund form is out of date. Reload the page and try again.",
    });
  }
  if (existing.amountCents !== amountCents) {
    throw new AppError("VALIDATION", {
      message: `refund ${existing.id} replayed with another amount`,
      userMessage: `This refund was already submitted for ${formatCents(existing.amountCents, payment.currency)}. Reload the page to see it.`,
    });
  }
  if (existing.status === "FAILED") {
    throw new AppError("GATEWAY_UNAVAILABLE", {
      message: `refund ${existing.id} failed earlier`,
      userMessage:
        "That refund didn't go through, and nothing was refunded. Reload the page and start a new refund.",
    });
  }
  if (existing.status === "SUCCEEDED") {
    return {
      refundId: existing.id,
      status: "SUCCEEDED",
      amountCents: existing.amountCents,
      currency: payment.currency,
      paymentStatus: payment.status,
      refundableCents: refundableCents(payment),
    };
  }
  return sendRefund({
    refund: existing,
    paymentId,
    gatewayTransactionId: payment.gatewayTransactionId!,
    currency: payment.currency,
    actor,
    context,
    gateway,
  });
};
