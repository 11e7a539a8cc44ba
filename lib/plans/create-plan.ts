import "server-only";
import { emitPlanEvent } from "@/lib/events/plan-and-autopay-events";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isPrismaKnownRequestError, isUniqueViolation } from "@/lib/db/errors";
import { AppError, notFoundError, isAppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import { formatCents, sumCents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { planAgreementText, PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { allocateOverStatements } from "@/lib/plans/allocate";
import { policyOf } from "@/lib/plans/access";
import { buildPlanSchedule, planFieldErrors } from "@/lib/plans/schedule";
import type { TCreatePlanInput } from "@/lib/plans/schemas";
import type { TRequestContext } from "@/lib/request-context";
import { expiryState } from "@/lib/saved-methods/expiry";
import { walletMethodLabel } from "@/lib/method-label";
import { findOwnMethod } from "@/lib/saved-methods/owner";

export type TCreatePlanResult = {
  planId: string;
  /** The down payment's outcome; PENDING means "processing", the plan stands. */
  downPayment: { paymentId: string; receiptNumber: string; status: string } | null;
};

const invalid = (userMessage: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("VALIDATION", { userMessage, ...(fieldErrors ? { fieldErrors } : {}) });

/** The patient's statements for a plan: theirs (a linked account), open, of one account, in no active plan. */
const readStatements = async (userId: string, statementIds: string[]) => {
  const db = await getDb();
  const statements = await db.statement.findMany({
    where: {
      id: { in: statementIds },
      status: { not: "VOIDED" },
      account: { links: { some: { userId } } },
    },
    select: {
      id: true,
      statementNumber: true,
      statementDate: true,
      balanceCents: true,
      accountId: true,
      account: { select: { practice: true } },
      plans: { where: { plan: { status: "ACTIVE" } }, select: { planId: true } },
    },
  });
  if (statements.length !== statementIds.length) throw notFoundError("statement");
  if (new Set(statements.map((s) => s.accountId)).size > 1) {
    throw invalid("A plan covers the statements of one account. Choose statements of one account.");
  }
  const inPlan = statements.find((s) => s.plans.length > 0);
  if (inPlan) throw invalid(`Statement ${inPlan.statementNumber} is already in a payment plan.`);
  const paid = statements.find((s) => s.balanceCents <= 0);
  if (paid) throw invalid(`Statement ${paid.statementNumber} has nothing left to pay.`);
  return statements;
};

/**
 * A signed-in patient sets up a payment plan: the server re-reads the balances, rebuilds the
 * schedule from the terms with the practice's policy and today's date in its zone, and stores
 * the plan with the agreement text the patient accepted (version, time, IP). A down payment is
 * charged at once with the chosen method (channel PLAN, key `plan:<planId>:down`); if it is
 * declined or fails, the plan is removed again: no plan without its down payment. The same
 * idempotency key again returns the same plan.
 */
export const createPlan = async ({
  owner,
  input,
  context,
  gateway = getGateway(),
}: {
  owner: { userId: string; email: string };
  input: TCreatePlanInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TCreatePlanResult> => {
  const db = await getDb();
  const existing = await db.paymentPlan.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    select: { id: true, userId: true, downPaymentId: true },
  });
  if (existing) return replayOf(existing, owner.userId);

  const [statements, method] = await Promise.all([
    readStatements(owner.userId, input.statementIds),
    findOwnMethod({ userId: owner.userId }, input.paymentMethodId),
  ]);
  const practice = statements[0]!.account.practice;
  const today = todayInZone(practice.timeZone, getClock().now());
  if (expiryState(method, today) === "expired") {
    throw invalid("That card has expired. Choose another method, or update its expiry date in your wallet.", {
      paymentMethodId: ["That card has expired."],
    });
  }
  const policy = policyOf(practice);
  const built = buildPlanSchedule({
    totalCents: sumCents(statements.map((s) => s.balanceCents)),
    downPaymentCents: input.downPaymentCents,
    sizing: input.sizing,
    frequency: input.frequency,
    dayOfMonth: input.dayOfMonth,
    startDate: input.startDate,
    today,
    policy,
  });
  if (!built.ok) throw invalid(built.errors[0]!.message, planFieldErrors(built.errors));
  const schedule = built.data;
  if (input.agreementVersion !== PLAN_AGREEMENT_VERSION) {
    throw invalid("The plan agreement has changed. Please read it again and accept it.");
  }
  const agreement = planAgreementText(schedule, {
    practiceName: practice.name,
    methodLabel: walletMethodLabel(method),
    policy,
  });
  const now = getClock().now();

  let planId: string;
  try {
    planId = await db.$transaction(async (tx) => {
      // Lock the statements, then check again that none joined an active plan meanwhile.
      await tx.$queryRaw`SELECT id FROM "statement" WHERE id = ANY(${input.statementIds}::text[]) FOR UPDATE`;
      const taken = await tx.paymentPlanStatement.findFirst({
        where: { statementId: { in: input.statementIds }, plan: { status: "ACTIVE" } },
        select: { statement: { select: { statementNumber: true } } },
      });
      if (taken) throw invalid(`Statement ${taken.statement.statementNumber} is already in a payment plan.`);
      const plan = await tx.paymentPlan.create({
        data: {
          accountId: statements[0]!.accountId,
          userId: owner.userId,
          createdByUserId: owner.userId,
          paymentMethodId: method.id,
          totalCents: schedule.totalCents,
          downPaymentCents: schedule.downPaymentCents,
          installmentCents: schedule.installmentCents,
          installmentCount: schedule.installmentCount,
          frequency: schedule.frequency,
          dayOfMonth: schedule.dayOfMonth,
          startDate: schedule.startDate,
          agreementText: agreement.text,
          agreementVersion: agreement.version,
          agreedAt: now,
          agreedIp: context.ip,
          idempotencyKey: input.idempotencyKey,
          statements: { create: input.statementIds.map((statementId) => ({ statementId })) },
          installments: {
            create: schedule.installments.map((i) => ({
              sequence: i.sequence,
              dueDate: i.dueDate,
              amountCents: i.amountCents,
            })),
          },
        },
        select: { id: true },
      });
      await recordAudit(
        {
          actor: { kind: "user", userId: owner.userId, role: "PATIENT", label: owner.email },
          action: "plan.created",
          target: { type: "PaymentPlan", id: plan.id },
          context,
          metadata: {
            statements: input.statementIds,
            totalCents: schedule.totalCents,
            downPaymentCents: schedule.downPaymentCents,
            installments: schedule.installmentCount,
            agreementVersion: agreement.version,
          },
        },
        tx,
      );
      await emitPlanEvent(tx, { planId: plan.id, type: "plan.created" });
      return plan.id;
    });
  } catch (error) {
    if (isPrismaKnownRequestError(error) || isUniqueViolation(error)) {
      const again = await db.paymentPlan.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        select: { id: true, userId: true, downPaymentId: true },
      });
      if (again) return replayOf(again, owner.userId);
    }
    throw error;
  }

  if (schedule.downPaymentCents <= 0) return { planId, downPayment: null };
  try {
    const paid = await payBill({
      payer: { kind: "patient", userId: owner.userId, email: owner.email },
      channel: "PLAN",
      input: {
        allocations: allocateOverStatements(statements, schedule.downPaymentCents),
        paymentMethodId: method.id,
        idempotencyKey: `plan:${planId}:down`,
      },
      context,
      gateway,
    });
    await db.paymentPlan.update({ where: { id: planId }, data: { downPaymentId: paid.paymentId } });
    return { planId, downPayment: paid };
  } catch (error) {
    // No plan without its down payment: take it away again, and say why.
    await db.paymentPlan.delete({ where: { id: planId } });
    await recordAudit({
      actor: { kind: "user", userId: owner.userId, role: "PATIENT", label: owner.email },
      action: "plan.create_failed",
      target: { type: "PaymentPlan", id: planId },
      outcome: "FAILURE",
      context,
      metadata: { reason: isAppError(error) ? error.code : "UNKNOWN" },
    });
    if (isAppError(error)) {
      throw new AppError(error.code, {
        message: error.message,
        userMessage: `The down payment of ${formatCents(schedule.downPaymentCents)} didn't go through, so no plan was created. ${error.userMessage}`,
      });
    }
    throw error;
  }
};

const replayOf = async (
  plan: { id: string; userId: string | null; downPaymentId: string | null },
  userId: string,
): Promise<TCreatePlanResult> => {
  if (plan.userId !== userId) throw notFoundError("plan");
  if (!plan.downPaymentId) return { planId: plan.id, downPayment: null };
  const db = await getDb();
  const p = await db.payment.findUniqueOrThrow({
    where: { id: plan.downPaymentId },
    select: { id: true, receiptNumber: true, status: true },
  });
  return {
    planId: plan.id,
    downPayment: { paymentId: p.id, receiptNumber: p.receiptNumber, status: p.status },
  };
};
