import "server-only";
import { emitPlanEvent } from "@/lib/events/plan-and-autopay-events";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import { formatCents } from "@/lib/money";
import { payBill, type TPayBillResult, type TPayer } from "@/lib/payments/pay-bill";
import { tellMemberOfCancellation } from "@/lib/access/tell-member";
import { auditActorOf, planFor, policyOf, type TLoadedPlan, type TPlanActor } from "@/lib/plans/access";
import { allocateOverStatements } from "@/lib/plans/allocate";
import { applyExtraPayment, planFieldErrors, skipInstallment, type TPlanError } from "@/lib/plans/schedule";
import type { TRequestContext } from "@/lib/request-context";
import { expiryState } from "@/lib/saved-methods/expiry";

const invalid = (errors: TPlanError[]) =>
  new AppError("VALIDATION", { userMessage: errors[0]!.message, fieldErrors: planFieldErrors(errors) });

const activePlan = async (actor: TPlanActor, planId: string) => {
  const plan = await planFor(actor, planId);
  if (plan.status !== "ACTIVE") {
    throw new AppError("VALIDATION", { userMessage: "This plan is no longer active." });
  }
  return plan;
};

/** A plan still running or defaulted (not completed or cancelled): its method can change, it can be cancelled. */
const openPlan = async (actor: TPlanActor, planId: string, options: { asGuarantor?: boolean } = {}) => {
  const plan = await planFor(actor, planId, options);
  if (plan.status !== "ACTIVE" && plan.status !== "DEFAULTED") {
    throw new AppError("VALIDATION", { userMessage: "This plan is no longer active." });
  }
  return plan;
};

const todayOf = (plan: TLoadedPlan) => todayInZone(plan.account.practice.timeZone, getClock().now());

/** An installment being charged right now is not changed under the charge. */
const refuseWhileCharging = (plan: TLoadedPlan) => {
  const now = getClock().now().getTime();
  if (plan.installments.some((i) => i.claimedUntil && i.claimedUntil.getTime() > now)) {
    throw new AppError("VALIDATION", {
      userMessage:
        "An installment of this plan is being charged right now. Please try again in a few minutes.",
    });
  }
};

/** Another saved method for the plan's charges: the plan owner's, still in the wallet, not expired. */
export const changePlanMethod = async ({
  actor,
  planId,
  paymentMethodId,
  context,
}: {
  actor: TPlanActor;
  planId: string;
  paymentMethodId: string;
  context: TRequestContext;
}) => {
  const plan = await openPlan(actor, planId);
  const db = await getDb();
  const method = await db.paymentMethod.findFirst({
    where: { id: paymentMethodId, userId: plan.userId ?? "-", removedAt: null },
  });
  if (!method) throw notFoundError("payment method");
  if (expiryState(method, todayOf(plan)) === "expired") {
    throw new AppError("VALIDATION", {
      userMessage: "That card has expired. Choose another method.",
      fieldErrors: { paymentMethodId: ["That card has expired."] },
    });
  }
  await db.$transaction(async (tx) => {
    await tx.paymentPlan.update({ where: { id: plan.id }, data: { paymentMethodId: method.id } });
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "plan.method_changed",
        target: { type: "PaymentPlan", id: plan.id },
        context,
        metadata: { from: plan.paymentMethodId, to: method.id },
      },
      tx,
    );
    await emitPlanEvent(tx, { planId: plan.id, type: "plan.updated", change: "method_changed" });
  });
  return { planId: plan.id };
};

/**
 * An extra payment now, charged to the plan's method and applied to the plan's statements; the
 * plan's last installments are cancelled (or the last one reduced), so the plan ends sooner. The
 * key `plan:<planId>:extra:<idempotencyKey>` makes a double submit one charge and one change.
 */
export const payPlanExtra = async ({
  actor,
  planId,
  amountCents,
  idempotencyKey,
  context,
  gateway = getGateway(),
}: {
  actor: TPlanActor;
  planId: string;
  amountCents: number;
  idempotencyKey: string;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TPayBillResult> => {
  const plan = await activePlan(actor, planId);
  refuseWhileCharging(plan);
  const change = applyExtraPayment({ installments: plan.installments, extraCents: amountCents });
  if (!change.ok) throw invalid(change.errors);
  const statements = plan.statements.map((s) => s.statement).filter((s) => s.status !== "VOIDED");
  const allocations = allocateOverStatements(statements, amountCents);
  const covered = allocations.reduce((s, a) => s + a.amount, 0);
  if (covered < amountCents) {
    throw new AppError("AMOUNT_EXCEEDS_BALANCE", {
      userMessage: `The statements in this plan have ${formatCents(covered)} left to pay; pay at most that.`,
    });
  }
  const payer: TPayer =
    actor.kind === "patient"
      ? { kind: "patient", userId: actor.userId, email: actor.email }
      : {
          kind: "account",
          accountId: plan.accountId,
          userId: plan.userId,
          email: plan.user?.email ?? null,
          actor: auditActorOf(actor),
        };
  const paid = await payBill({
    payer,
    channel: "PLAN",
    input: {
      allocations,
      paymentMethodId: plan.paymentMethodId,
      idempotencyKey: `plan:${plan.id}:extra:${idempotencyKey}`,
    },
    context,
    gateway,
  });

  const db = await getDb();
  await db.$transaction(async (tx) => {
    // A replay of the same extra payment changes the schedule once.
    await tx.$queryRaw`SELECT id FROM "payment_plan" WHERE id = ${plan.id} FOR UPDATE`;
    const applied = await tx.auditLog.findFirst({
      where: {
        action: "plan.extra_payment",
        targetId: plan.id,
        metadata: { path: ["paymentId"], equals: paid.paymentId },
      },
      select: { id: true },
    });
    if (applied) return;
    const fresh = await tx.installment.findMany({ where: { planId: plan.id } });
    const now = applyExtraPayment({ installments: fresh, extraCents: amountCents });
    if (!now.ok) return;
    if (now.data.cancelledSequences.length > 0) {
      await tx.installment.updateMany({
        where: { planId: plan.id, sequence: { in: now.data.cancelledSequences } },
        data: { status: "CANCELLED", nextAttemptOn: null },
      });
    }
    if (now.data.reduced) {
      await tx.installment.update({
        where: { planId_sequence: { planId: plan.id, sequence: now.data.reduced.sequence } },
        data: { amountCents: now.data.reduced.amountCents },
      });
    }
    if (now.data.outstanding.length === 0) {
      await tx.paymentPlan.update({ where: { id: plan.id }, data: { status: "COMPLETED" } });
    }
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "plan.extra_payment",
        target: { type: "PaymentPlan", id: plan.id },
        context,
        metadata: {
          paymentId: paid.paymentId,
          amountCents,
          cancelled: now.data.cancelledSequences,
          reduced: now.data.reduced,
        },
      },
      tx,
    );
    await emitPlanEvent(
      tx,
      now.data.outstanding.length === 0
        ? { planId: plan.id, type: "plan.completed" }
        : { planId: plan.id, type: "plan.updated", change: "extra_payment" },
    );
  });
  return paid;
};

/** Skips one upcoming installment where the policy allows; its amount moves to a new last installment. */
export const skipPlanInstallment = async ({
  actor,
  planId,
  sequence,
  context,
}: {
  actor: TPlanActor;
  planId: string;
  sequence: number;
  context: TRequestContext;
}) => {
  const plan = await activePlan(actor, planId);
  const result = skipInstallment({
    installments: plan.installments,
    sequence,
    frequency: plan.frequency,
    dayOfMonth: plan.dayOfMonth,
    today: todayOf(plan),
    policy: policyOf(plan.account.practice),
  });
  if (!result.ok) throw invalid(result.errors);
  const { skipped, added } = result.data;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Only while it is still scheduled (not claimed by a charge meanwhile).
    const { count } = await tx.installment.updateMany({
      where: { planId: plan.id, sequence: skipped.sequence, status: "SCHEDULED", claimedUntil: null },
      data: { status: "SKIPPED" },
    });
    if (count !== 1) {
      throw new AppError("VALIDATION", { userMessage: "Only an upcoming installment can be skipped." });
    }
    await tx.installment.create({
      data: {
        planId: plan.id,
        sequence: added.sequence,
        dueDate: added.dueDate,
        amountCents: added.amountCents,
      },
    });
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "plan.installment_skipped",
        target: { type: "PaymentPlan", id: plan.id },
        context,
        metadata: {
          skipped: skipped.sequence,
          added: added.sequence,
          dueDate: added.dueDate.toISOString().slice(0, 10),
        },
      },
      tx,
    );
    await emitPlanEvent(tx, { planId: plan.id, type: "plan.updated", change: "installment_skipped" });
  });
  return { planId: plan.id, addedDueDate: added.dueDate };
};

/**
 * Cancels a plan: no further charges (outstanding installments are cancelled). What is still
 * owed stays on the statements; payments already made stand. The guarantor of the plan's account
 * may cancel a plan a family member set up on it (recorded as the guarantor's cancellation); the
 * member is then told by email.
 */
export const cancelPlan = async ({
  actor,
  planId,
  context,
}: {
  actor: TPlanActor;
  planId: string;
  context: TRequestContext;
}) => {
  const plan = await openPlan(actor, planId, { asGuarantor: true });
  const member = actor.kind === "patient" && plan.user && plan.user.id !== actor.userId ? plan.user : null;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.paymentPlan.update({
      where: { id: plan.id },
      data: { status: "CANCELLED", cancelledAt: getClock().now(), cancelledByUserId: actor.userId },
    });
    await tx.installment.updateMany({
      where: { planId: plan.id, status: { in: ["SCHEDULED", "FAILED"] } },
      data: { status: "CANCELLED", nextAttemptOn: null },
    });
    await recordAudit(
      {
        actor: auditActorOf(actor),
        action: "plan.cancelled",
        target: { type: "PaymentPlan", id: plan.id },
        context,
        metadata: {
          previousStatus: plan.status,
          ...(member ? { setUpByUserId: member.id, by: "guarantor" } : {}),
        },
      },
      tx,
    );
    await emitPlanEvent(tx, { planId: plan.id, type: "plan.updated", change: "cancelled" });
  });
  if (member) {
    await tellMemberOfCancellation({
      actor,
      member,
      what: "plan",
      accountNumber: plan.account.accountNumber,
      practice: plan.account.practice,
    });
  }
  return { planId: plan.id };
};
