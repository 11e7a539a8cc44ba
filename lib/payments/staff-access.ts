import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentChannel } from "@/lib/generated/prisma/enums";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import type { TActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { TGateway } from "@/lib/gateway";
import { applyGatewayOutcome, lockPaymentLedger } from "@/lib/payments/apply-gateway-outcome";
import {
  normalizeReason,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  RECORDED_ELSEWHERE_MESSAGE,
} from "@/lib/payments/refundable";
import { isLargeRefund, refundLimitMessage } from "@/lib/payments/refund-limit";
import type { TRequestContext } from "@/lib/request-context";
import { log } from "@/lib/log";

/**
 * What a staff void and a staff refund share: the checks before them, their audit rows, their
 * Refund row (kind VOID or REFUND) as it is locked, left PENDING, failed or recorded, and catching
 * up with the gateway's record of the payment.
 */
export type TStaffChangeKind = "void" | "refund";

export const auditActorOf = (actor: TActor): TAuditActor => ({
  kind: "user",
  userId: actor.userId,
  role: actor.role,
  label: actor.email,
});

/**
 * Defense in depth: the action's guard already checked the permission; the use case checks it
 * again, so no other caller (a job, a future API route) can void or refund without it.
 * A refusal is recorded.
 */
const assertStaffPermission = async ({
  actor,
  permission,
  action,
  paymentId,
  context,
}: {
  actor: TActor;
  permission: TPermission;
  action: string;
  paymentId: string;
  context: TRequestContext;
}) => {
  if (isStaffRole(actor.role) && hasPermission(actor.role, permission)) return;
  await recordAudit({
    actor: auditActorOf(actor),
    action,
    target: { type: "Payment", id: paymentId },
    outcome: "DENIED",
    context,
    metadata: { permission } satisfies Prisma.InputJsonValue,
  });
  throw new AppError("FORBIDDEN", {
    message: `${actor.role} ${actor.userId} lacks ${permission}`,
    userMessage: "You do not have access to this.",
  });
};

/**
 * A refund above the practice's large-refund threshold needs `payments.refund.large`: without
 * it the refund is refused (recorded as DENIED with the amount and the threshold), before
 * anything is written or sent. A retry of the same refund is held to it too.
 */
export const assertWithinRefundLimit = async ({
  actor,
  paymentId,
  amountCents,
  thresholdCents,
  currency,
  context,
}: {
  actor: TActor;
  paymentId: string;
  amountCents: number;
  thresholdCents: number;
  currency: string;
  context: TRequestContext;
}) => {
  if (!isLargeRefund(amountCents, thresholdCents)) return;
  if (isStaffRole(actor.role) && hasPermission(actor.role, "payments.refund.large")) return;
  await recordAudit({
    actor: auditActorOf(actor),
    action: "payment.refund",
    target: { type: "Payment", id: paymentId },
    outcome: "DENIED",
    context,
    metadata: { permission: "payments.refund.large", amountCents, thresholdCents },
  });
  throw new AppError("OVER_REFUND_LIMIT", {
    message: `${actor.role} ${actor.userId} lacks payments.refund.large for ${amountCents} > ${thresholdCents}`,
    userMessage: `${refundLimitMessage(thresholdCents, currency)} Nothing was refunded.`,
  });
};

/**
 * A payment recorded from the practice's file (channel IMPORT) was taken elsewhere: the gateway
 * has nothing to void or refund, so neither is offered or done here.
 */
export const assertTakenHere = (kind: TStaffChangeKind, channel: PaymentChannel) => {
  if (channel !== "IMPORT") return;
  throw new AppError(kind === "void" ? "NOT_VOIDABLE" : "NOT_REFUNDABLE", {
    message: `cannot ${kind} a payment recorded from a file`,
    userMessage: RECORDED_ELSEWHERE_MESSAGE,
  });
};

/** The reason a staff member gave, trimmed, or a VALIDATION error. */
const requireReason = (reason: string) => {
  const normalized = normalizeReason(reason);
  if (normalized === null) {
    throw new AppError("VALIDATION", {
      userMessage: `Give a reason of ${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters.`,
    });
  }
  return normalized;
};

/**
 * The start of a staff void or refund: the permission checked again (a refusal recorded), and
 * the reason given, trimmed.
 */
export const checkStaffChange = async ({
  kind,
  actor,
  paymentId,
  reason,
  context,
}: {
  kind: TStaffChangeKind;
  actor: TActor;
  paymentId: string;
  reason: string;
  context: TRequestContext;
}) => {
  await assertStaffPermission({
    actor,
    permission: `payments.${kind}`,
    action: `payment.${kind}`,
    paymentId,
    context,
  });
  return requireReason(reason);
};

/** The audit row of a void or refund (`payment.void`, `payment.refund`), in `tx` when given. */
const auditStaffChange = (
  {
    kind,
    paymentId,
    actor,
    context,
    outcome,
    metadata,
  }: {
    kind: TStaffChangeKind;
    paymentId: string;
    actor: TActor;
    context: TRequestContext;
    outcome?: "FAILURE";
    metadata: Prisma.InputJsonObject;
  },
  tx?: Prisma.TransactionClient,
) =>
  recordAudit(
    {
      actor: auditActorOf(actor),
      action: `payment.${kind}`,
      target: { type: "Payment", id: paymentId },
      ...(outcome ? { outcome } : {}),
      context,
      metadata,
    },
    tx,
  );

/**
 * Our record may lag the gateway's (a settlement batch, a void done elsewhere): the gateway's
 * record of the payment, applied. Returns the payment's status after it.
 */
export const catchUpWithGateway = async ({
  paymentId,
  gatewayTransactionId,
  gateway,
}: {
  paymentId: string;
  gatewayTransactionId: string;
  gateway: TGateway;
}) => {
  const gp = await gateway.getPayment(gatewayTransactionId);
  return applyGatewayOutcome({ paymentId, gatewayPayment: gp, source: "reconcile" });
};

/**
 * The gateway's answer to a void or refund was lost (a timeout, a 5xx): its Refund row stays
 * PENDING, holding its amount, and sending it again (same key) finishes it. Logged, and audited
 * as PENDING with `metadata`.
 */
export const recordUnansweredChange = async ({
  kind,
  paymentId,
  refundId,
  cause,
  metadata,
  actor,
  context,
}: {
  kind: TStaffChangeKind;
  paymentId: string;
  refundId: string;
  cause: Error;
  metadata: Prisma.InputJsonObject;
  actor: TActor;
  context: TRequestContext;
}) => {
  log.warn(`[payments] ${kind} ${refundId} of ${paymentId} outcome unknown: ${cause.message}`);
  await auditStaffChange({
    kind,
    paymentId,
    actor,
    context,
    metadata: { refundId, ...metadata, result: "PENDING" },
  });
};

/**
 * Opens the recording of a void or refund the gateway has done, inside its transaction: the
 * payment's ledger locked (lockPaymentLedger) and the Refund row read. `audit` writes the
 * change's audit row (SUCCEEDED) in the same transaction.
 */
export const lockRefundRow = async (
  tx: Prisma.TransactionClient,
  {
    kind,
    paymentId,
    refundId,
    actor,
    context,
  }: { kind: TStaffChangeKind; paymentId: string; refundId: string; actor: TActor; context: TRequestContext },
) => {
  const payment = await lockPaymentLedger(tx, paymentId);
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    select: { status: true, amountCents: true, reason: true },
  });
  const audit = () =>
    auditStaffChange(
      {
        kind,
        paymentId,
        actor,
        context,
        metadata: { refundId, amountCents: refund.amountCents, reason: refund.reason, result: "SUCCEEDED" },
      },
      tx,
    );
  return { payment, refund, audit };
};

/**
 * A void or refund the gateway refused for good: its Refund row becomes FAILED (once; a row
 * that is no longer PENDING is left alone), with an event and an audit entry.
 */
export const failRefundRow = async ({
  kind,
  paymentId,
  refundId,
  detail,
  actor,
  context,
}: {
  kind: TStaffChangeKind;
  paymentId: string;
  refundId: string;
  detail: string;
  actor: TActor;
  context: TRequestContext;
}) => {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.refund.updateMany({
      where: { id: refundId, status: "PENDING" },
      data: { status: "FAILED" },
    });
    if (count === 0) return;
    await tx.paymentEvent.create({ data: { paymentId, type: `${kind}.failed`, data: { refundId, detail } } });
    await auditStaffChange(
      {
        kind,
        paymentId,
        actor,
        context,
        outcome: "FAILURE",
        metadata: { refundId, detail, result: "FAILED" },
      },
      tx,
    );
  });
};
