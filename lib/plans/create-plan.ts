import "server-only";
import { accountsWhere } from "@/lib/access/rule";
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
import { planAgreementLocale, planAgreementText } from "@/lib/plans/agreement";
import { allocateOverStatements } from "@/lib/plans/allocate";
import { policyOf } from "@/lib/plans/access";
import { buildPlanSchedule, planFieldErrors } from "@/lib/plans/schedule";
import type { TCreatePlanInput } from "@/lib/plans/schemas";
import type { TRequestContext } from "@/lib/request-context";
import { expiryState } from "@/lib/saved-methods/expiry";
import { walletMethodLabel } from "@/lib/method-label";
import {
  discardNewMethod,
  forgetUnlessKept,
  keepNewMethodIn,
  verifyNewMethod,
} from "@/lib/saved-methods/new-method";
import { findOwnMethod } from "@/lib/saved-methods/owner";
import { findStaffChargeableMethod } from "@/lib/saved-methods/staff-chargeable";
import { auditActorOf, type TActingStaff } from "@/lib/audit/actor";
import type { TAuditActor } from "@/lib/audit/record";
import type { PlanAgreedVia } from "@/lib/generated/prisma/enums";
import type { TPayer } from "@/lib/payments/pay-bill";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TCreatePlanResult = {
  planId: string;
  /** False when the same idempotency key found the plan made before (nothing new was done). */
  isNew: boolean;
  /** The down payment's outcome; PENDING means "processing", the plan stands. */
  downPayment: { paymentId: string; receiptNumber: string; status: string } | null;
};

/** The method a plan charges, as much of it as creating the plan needs. */
type TPlanMethod = { id: string; gatewayToken: string; kind: string; last4: string | null };

const invalid = (userMessage: string, fieldErrors?: Record<string, string[]>) =>
  new AppError("VALIDATION", { userMessage, ...(fieldErrors ? { fieldErrors } : {}) });

/**
 * Who sets the plan up: the patient, for their own linked accounts and with a method of their
 * wallet; or staff of the practice (`plans.manage`) for one account of theirs, with a method the
 * patient allows staff to charge, recording how the patient agreed.
 */
export type TPlanCreator =
  | { kind: "patient"; userId: string; email: string }
  | { kind: "staff"; actor: TActingStaff; accountId: string; agreedVia: Exclude<PlanAgreedVia, "ONLINE"> };

const creatorAudit = (creator: TPlanCreator): TAuditActor =>
  creator.kind === "patient"
    ? { kind: "user", userId: creator.userId, role: "PATIENT", label: creator.email }
    : auditActorOf(creator.actor);

/** SQL-free scope of the statements (and plans) the creator may put in a plan. */
const accountScope = (creator: TPlanCreator): Prisma.AccountWhereInput =>
  creator.kind === "patient"
    ? accountsWhere({ userId: creator.userId, need: "manage" })
    : { id: creator.accountId, practiceId: creator.actor.practiceId };

/** The creator's statements for a plan: theirs, open, of one account, in no active plan. */
const readStatements = async (creator: TPlanCreator, statementIds: string[]) => {
  const db = await getDb();
  const statements = await db.statement.findMany({
    where: {
      id: { in: statementIds },
      status: { not: "VOIDED" },
      account: accountScope(creator),
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
 *
 * The method is a saved one of the patient's wallet or a new card or bank account typed into the
 * hosted fields of the plan form (`newMethod`: its single-use token). A new one is verified by the
 * gateway only once everything else checks out, and joins the wallet in the plan's own
 * transaction; a declined verification keeps nothing and makes no plan, and a plan taken back
 * (its down payment declined) takes the new method out of the wallet and the vault again.
 */
export const createPlan = ({
  owner,
  ...rest
}: {
  owner: { userId: string; email: string };
  input: TCreatePlanInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TCreatePlanResult> => createPlanAs({ creator: { kind: "patient", ...owner }, ...rest });

const REPLAY_SELECT = {
  id: true,
  userId: true,
  downPaymentId: true,
  accountId: true,
  account: { select: { practiceId: true } },
} as const;

/**
 * Sets up a plan for the patient or, with staff as the creator (create-staff-plan.ts), for an
 * account of their practice: the same rules, schedule, agreement and down payment either way.
 */
export const createPlanAs = async ({
  creator,
  input,
  context,
  gateway = getGateway(),
}: {
  creator: TPlanCreator;
  input: TCreatePlanInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TCreatePlanResult> => {
  const db = await getDb();
  const existing = await db.paymentPlan.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    select: REPLAY_SELECT,
  });
  if (existing) return replayOf(existing, creator);

  // A new card or bank account is the patient's own, typed in this form (staff plans have none).
  const newMethod = input.newMethod && creator.kind === "patient" ? input.newMethod : null;
  if (!newMethod && !input.paymentMethodId) throw invalid("Choose a payment method.");
  const [statements, savedMethod] = await Promise.all([
    readStatements(creator, input.statementIds),
    newMethod || !input.paymentMethodId
      ? null
      : creator.kind === "patient"
        ? findOwnMethod({ userId: creator.userId }, input.paymentMethodId)
        : findStaffChargeableMethod(
            { accountId: creator.accountId, practiceId: creator.actor.practiceId },
            input.paymentMethodId,
          ),
  ]);
  // The patient the plan belongs to: the one setting it up, or the owner of the method staff
  // charge (a patient linked to the account; none for a method kept for the account itself).
  const patient =
    creator.kind === "patient"
      ? { userId: creator.userId, email: creator.email }
      : savedMethod?.userId
        ? {
            userId: savedMethod.userId,
            email: (
              await db.user.findUniqueOrThrow({ where: { id: savedMethod.userId }, select: { email: true } })
            ).email,
          }
        : null;
  const practice = statements[0]!.account.practice;
  const today = todayInZone(practice.timeZone, getClock().now());
  if (savedMethod && expiryState(savedMethod, today) === "expired") {
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
  // The version names the language the patient read it in: the stored text is in that language.
  const agreementLocale = planAgreementLocale(input.agreementVersion);
  if (!agreementLocale) {
    throw invalid("The plan agreement has changed. Please read it again and accept it.");
  }
  const agreementFor = (method: Parameters<typeof walletMethodLabel>[0]) =>
    planAgreementText(schedule, {
      practiceName: practice.name,
      methodLabel: walletMethodLabel(method, { locale: agreementLocale }),
      policy,
      locale: agreementLocale,
    });
  const now = getClock().now();

  // Everything that needs no method has been checked: only now does the gateway verify a new one.
  const stored = newMethod
    ? await verifyNewMethod({
        owner: { userId: patient!.userId, email: patient!.email },
        newMethod,
        formKey: input.idempotencyKey,
        agreement: "the plan",
        context,
        gateway,
      })
    : null;

  let made: { planId: string; method: TPlanMethod; isMethodNew: boolean } | null;
  try {
    made = await db.$transaction(async (tx) => {
      // Lock the statements, then check again that none joined an active plan meanwhile.
      await tx.$queryRaw`SELECT id FROM "statement" WHERE id = ANY(${input.statementIds}::text[]) FOR UPDATE`;
      // The same submission, committed meanwhile by a request that ran at the same time
      // (a double submit): it is replayed below, not refused as a statement already in a plan.
      const same = await tx.paymentPlan.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        select: { id: true },
      });
      if (same) return null;
      const taken = await tx.paymentPlanStatement.findFirst({
        where: { statementId: { in: input.statementIds }, plan: { status: "ACTIVE" } },
        select: { statement: { select: { statementNumber: true } } },
      });
      if (taken) throw invalid(`Statement ${taken.statement.statementNumber} is already in a payment plan.`);
      // A new method joins the wallet with the plan, in this transaction: both or neither.
      const kept = stored
        ? await keepNewMethodIn(tx, { owner: patient!, stored, newMethod: newMethod!, context })
        : { method: savedMethod!, isNew: false };
      const method = kept.method;
      const agreement = agreementFor(method);
      const plan = await tx.paymentPlan.create({
        data: {
          accountId: statements[0]!.accountId,
          userId: patient?.userId ?? null,
          createdByUserId: creator.kind === "patient" ? creator.userId : creator.actor.userId,
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
          // Staff record how the patient agreed; the address is theirs (in the audit row), not the patient's.
          agreedIp: creator.kind === "patient" ? context.ip : null,
          agreedVia: creator.kind === "patient" ? "ONLINE" : creator.agreedVia,
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
          actor: creatorAudit(creator),
          action: "plan.created",
          target: { type: "PaymentPlan", id: plan.id },
          context,
          metadata: {
            statements: input.statementIds,
            totalCents: schedule.totalCents,
            downPaymentCents: schedule.downPaymentCents,
            installments: schedule.installmentCount,
            agreementVersion: agreement.version,
            ...(creator.kind === "staff"
              ? { agreedVia: creator.agreedVia, accountId: creator.accountId }
              : {}),
          },
        },
        tx,
      );
      await emitPlanEvent(tx, { planId: plan.id, type: "plan.created" });
      if (creator.kind === "staff") {
        // The patient is owed the agreement in writing: due with the plan, sent by the creating
        // request once the down payment is through, else by the sweep (agreement-email-queue.ts).
        await tx.$executeRaw`
          UPDATE "payment_plan" SET "agreementEmailDueAt" = now() + interval '5 minutes' WHERE id = ${plan.id}`;
      }
      return { planId: plan.id, method, isMethodNew: kept.isNew };
    });
  } catch (error) {
    if (isPrismaKnownRequestError(error) || isUniqueViolation(error)) {
      const again = await db.paymentPlan.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        select: REPLAY_SELECT,
      });
      // The same submission, made at the same time: its plan (and its method) stand.
      if (again) return replayOf(again, creator);
    }
    // No plan: a new method's vault entry goes again (unless an earlier submission kept it).
    if (stored) await forgetUnlessKept({ stored, gateway });
    throw error;
  }
  if (!made) {
    const again = await db.paymentPlan.findUniqueOrThrow({
      where: { idempotencyKey: input.idempotencyKey },
      select: REPLAY_SELECT,
    });
    return replayOf(again, creator);
  }
  const { planId, method, isMethodNew } = made;

  if (schedule.downPaymentCents <= 0) return { planId, isNew: true, downPayment: null };
  // Staff charge the down payment off-session, from the method the patient allowed them to.
  const payer: TPayer =
    creator.kind === "patient"
      ? { kind: "patient", userId: creator.userId, email: creator.email }
      : {
          kind: "account",
          accountId: creator.accountId,
          userId: patient?.userId ?? null,
          email: patient?.email ?? null,
          actor: creatorAudit(creator),
        };
  try {
    const paid = await payBill({
      payer,
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
    return { planId, isNew: true, downPayment: paid };
  } catch (error) {
    // No plan without its down payment: take it away again, and say why.
    await db.paymentPlan.delete({ where: { id: planId } });
    // A new method came with the plan, so it goes with it: the patient is left with neither.
    if (isMethodNew && creator.kind === "patient") {
      await discardNewMethod({ owner: creator, method, context, gateway });
    }
    await recordAudit({
      actor: creatorAudit(creator),
      action: "plan.create_failed",
      target: { type: "PaymentPlan", id: planId },
      outcome: "FAILURE",
      context,
      metadata: { reason: isAppError(error) ? error.code : "UNKNOWN" },
    });
    if (isAppError(error)) {
      throw new AppError(error.code, {
        message: error.message,
        userMessage: `The down payment of ${formatCents(schedule.downPaymentCents)} didn't go through, so no plan was created${isMethodNew ? " and your new card or bank account was not saved" : ""}. ${error.userMessage}`,
      });
    }
    throw error;
  }
};

const replayOf = async (
  plan: {
    id: string;
    userId: string | null;
    downPaymentId: string | null;
    accountId: string;
    account: { practiceId: string };
  },
  creator: TPlanCreator,
): Promise<TCreatePlanResult> => {
  // Someone else's key is no key of ours: the same answer as a plan that does not exist.
  const isOwn =
    creator.kind === "patient"
      ? plan.userId === creator.userId
      : plan.accountId === creator.accountId && plan.account.practiceId === creator.actor.practiceId;
  if (!isOwn) throw notFoundError("plan");
  if (!plan.downPaymentId) return { planId: plan.id, isNew: false, downPayment: null };
  const db = await getDb();
  const p = await db.payment.findUniqueOrThrow({
    where: { id: plan.downPaymentId },
    select: { id: true, receiptNumber: true, status: true },
  });
  return {
    planId: plan.id,
    isNew: false,
    downPayment: { paymentId: p.id, receiptNumber: p.receiptNumber, status: p.status },
  };
};
