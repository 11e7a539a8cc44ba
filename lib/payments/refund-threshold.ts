import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hasPermission } from "@/lib/auth/permissions";
import type { TStaffActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_REFUND_THRESHOLD_CENTS } from "@/lib/payments/staff-schemas";
import type { TRequestContext } from "@/lib/request-context";

/** The practice's large-refund threshold in cents (lib/payments/refund-limit.ts). */
export const getLargeRefundThreshold = async (practiceId: string) => {
  const db = await getDb();
  const practice = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { largeRefundThresholdCents: true },
  });
  return practice.largeRefundThresholdCents;
};

/**
 * Staff with `settings.manage` set their practice's large-refund threshold. The permission is
 * checked again here (a refusal recorded); the change is audited with the old and new amounts.
 */
export const updateLargeRefundThreshold = async ({
  actor,
  thresholdCents,
  context,
}: {
  actor: TStaffActor;
  thresholdCents: number;
  context: TRequestContext;
}) => {
  const auditActor = { kind: "user", userId: actor.userId, role: actor.role, label: actor.email } as const;
  const target = { type: "Practice", id: actor.practiceId };
  if (!hasPermission(actor.role, "settings.manage")) {
    await recordAudit({
      actor: auditActor,
      action: "practice.refund_threshold",
      target,
      outcome: "DENIED",
      context,
      metadata: { permission: "settings.manage" },
    });
    throw new AppError("FORBIDDEN", { userMessage: "You do not have access to this." });
  }
  if (
    !Number.isSafeInteger(thresholdCents) ||
    thresholdCents < 0 ||
    thresholdCents > MAX_REFUND_THRESHOLD_CENTS
  ) {
    throw new AppError("VALIDATION", {
      message: `threshold ${thresholdCents} out of range`,
      userMessage: "Enter an amount from $0.00 to $1,000,000.00.",
    });
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.practice.findUniqueOrThrow({
      where: { id: actor.practiceId },
      select: { largeRefundThresholdCents: true },
    });
    await tx.practice.update({
      where: { id: actor.practiceId },
      data: { largeRefundThresholdCents: thresholdCents },
    });
    await recordAudit(
      {
        actor: auditActor,
        action: "practice.refund_threshold",
        target,
        context,
        metadata: { fromCents: before.largeRefundThresholdCents, toCents: thresholdCents },
      },
      tx,
    );
    return { thresholdCents };
  });
};
