import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { hasPermission, isStaffRole, type TPermission } from "@/lib/auth/permissions";
import type { TActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { normalizeReason, REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "@/lib/payments/refundable";
import type { TRequestContext } from "@/lib/request-context";

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
export const assertStaffPermission = async ({
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

/** The reason a staff member gave, trimmed, or a VALIDATION error. */
export const requireReason = (reason: string) => {
  const normalized = normalizeReason(reason);
  if (normalized === null) {
    throw new AppError("VALIDATION", {
      userMessage: `Give a reason of ${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters.`,
    });
  }
  return normalized;
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
  kind: "void" | "refund";
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
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: `payment.${kind}`,
        target: { type: "Payment", id: paymentId },
        outcome: "FAILURE",
        context,
        metadata: { refundId, detail, result: "FAILED" },
      },
      tx,
    );
  });
};
