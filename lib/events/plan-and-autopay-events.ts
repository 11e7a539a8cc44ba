import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitEvent, type TEventType } from "@/lib/events/emit";

const day = (d: Date) => d.toISOString().slice(0, 10);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type TPlanEventType = Extract<TEventType, `plan.${string}`>;

/**
 * Emits a plan event in the caller's transaction, after the change: the plan as it now is, its
 * statements and its installments (docs/webhooks.md, "plan.*"). `change` says what changed for
 * plan.updated (method_changed, extra_payment, installment_skipped, cancelled).
 */
export const emitPlanEvent = async (
  tx: Prisma.TransactionClient,
  { planId, type, change }: { planId: string; type: TPlanEventType; change?: string },
) => {
  const plan = await tx.paymentPlan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      id: true,
      accountId: true,
      status: true,
      totalCents: true,
      downPaymentCents: true,
      installmentCents: true,
      installmentCount: true,
      frequency: true,
      startDate: true,
      currency: true,
      cancelledAt: true,
      defaultedAt: true,
      createdAt: true,
      paymentMethod: { select: { kind: true, brand: true, last4: true } },
      account: { select: { practiceId: true, accountNumber: true } },
      statements: { select: { statement: { select: { statementNumber: true } } } },
      installments: {
        select: { sequence: true, dueDate: true, amountCents: true, status: true, paymentId: true },
        orderBy: { sequence: "asc" },
      },
    },
  });
  const data = {
    object: "plan",
    plan: {
      id: plan.id,
      status: plan.status.toLowerCase(),
      account_number: plan.account.accountNumber,
      statement_numbers: plan.statements.map((s) => s.statement.statementNumber).sort(),
      total_cents: plan.totalCents,
      down_payment_cents: plan.downPaymentCents,
      installment_cents: plan.installmentCents,
      installment_count: plan.installmentCount,
      frequency: plan.frequency.toLowerCase(),
      start_date: day(plan.startDate),
      currency: plan.currency,
      method: {
        kind: plan.paymentMethod.kind.toLowerCase(),
        brand: plan.paymentMethod.brand,
        last4: plan.paymentMethod.last4,
      },
      installments: plan.installments.map((i) => ({
        sequence: i.sequence,
        due_date: day(i.dueDate),
        amount_cents: i.amountCents,
        status: i.status.toLowerCase(),
        payment_id: i.paymentId,
      })),
      created_at: iso(plan.createdAt),
      cancelled_at: iso(plan.cancelledAt),
      defaulted_at: iso(plan.defaultedAt),
    },
    ...(change ? { change } : {}),
  };
  return emitEvent(tx, {
    practiceId: plan.account.practiceId,
    type,
    data,
    planId: plan.id,
    accountId: plan.accountId,
  });
};

/**
 * Emits autopay.enrolled or autopay.unenrolled in the caller's transaction, after the change
 * (docs/webhooks.md, "autopay.*").
 */
export const emitAutopayEvent = async (
  tx: Prisma.TransactionClient,
  { enrollmentId, type }: { enrollmentId: string; type: "autopay.enrolled" | "autopay.unenrolled" },
) => {
  const e = await tx.autopayEnrollment.findUniqueOrThrow({
    where: { id: enrollmentId },
    select: {
      id: true,
      accountId: true,
      status: true,
      limitCents: true,
      currency: true,
      source: true,
      consentVersion: true,
      consentedAt: true,
      cancelledAt: true,
      paymentMethod: { select: { kind: true, brand: true, last4: true } },
      account: { select: { practiceId: true, accountNumber: true } },
    },
  });
  return emitEvent(tx, {
    practiceId: e.account.practiceId,
    type,
    accountId: e.accountId,
    data: {
      object: "autopay_enrollment",
      enrollment: {
        id: e.id,
        status: e.status.toLowerCase(),
        account_number: e.account.accountNumber,
        limit_cents: e.limitCents,
        currency: e.currency,
        source: e.source.toLowerCase(),
        method: {
          kind: e.paymentMethod.kind.toLowerCase(),
          brand: e.paymentMethod.brand,
          last4: e.paymentMethod.last4,
        },
        consent_version: e.consentVersion,
        enrolled_at: iso(e.consentedAt),
        cancelled_at: iso(e.cancelledAt),
      },
    },
  });
};
