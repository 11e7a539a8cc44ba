import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { getClock } from "@/lib/clock";
import { DEFAULT_TIME_ZONE, toIsoDay, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { agreementRecipient } from "@/lib/plans/agreement-email-queue";
import { planFor, policyOf, type TLoadedPlan, type TPlanActor } from "@/lib/plans/access";
import { resolvePlanPolicy, type TPlanPolicy } from "@/lib/plans/schedule";
import { expiryState } from "@/lib/saved-methods/expiry";
import { walletMethodLabel } from "@/lib/method-label";
import { staffChargeableWhere } from "@/lib/saved-methods/staff-chargeable";

export type TPlanSummary = {
  id: string;
  status: string;
  accountNumber: string;
  statementNumbers: string[];
  totalCents: number;
  remainingCents: number;
  nextDue: { dueDate: Date; amountCents: number } | null;
  createdAt: Date;
  cancelledAt: Date | null;
  /** Who cancelled it (the staff console names them: lib/staff/cancelled-by.ts). */
  cancelledByUserId: string | null;
};

const OUTSTANDING = new Set(["SCHEDULED", "FAILED"]);

const summaryOf = (plan: TLoadedPlan): TPlanSummary => {
  const outstanding = plan.installments.filter((i) => OUTSTANDING.has(i.status));
  const next = [...outstanding].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime())[0];
  return {
    id: plan.id,
    status: plan.status,
    accountNumber: plan.account.accountNumber,
    statementNumbers: plan.statements.map((s) => s.statement.statementNumber).sort(),
    totalCents: plan.totalCents,
    remainingCents:
      plan.status === "ACTIVE" || plan.status === "DEFAULTED"
        ? outstanding.reduce((s, i) => s + i.amountCents, 0)
        : 0,
    nextDue:
      plan.status === "ACTIVE" && next
        ? { dueDate: next.nextAttemptOn ?? next.dueDate, amountCents: next.amountCents }
        : null,
    createdAt: plan.createdAt,
    cancelledAt: plan.cancelledAt,
    cancelledByUserId: plan.cancelledByUserId,
  };
};

const PLAN_INCLUDE = {
  account: { select: { accountNumber: true } },
  statements: { select: { statement: { select: { statementNumber: true } } } },
  installments: true,
} as const;

/** The plans `where` picks, newest first, as summaries. */
const listPlans = async (where: Prisma.PaymentPlanWhereInput): Promise<TPlanSummary[]> => {
  const db = await getDb();
  const plans = await db.paymentPlan.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: PLAN_INCLUDE,
  });
  return plans.map((p) => summaryOf(p as unknown as TLoadedPlan));
};

/** A patient's plans, newest first. */
export const listPlansForUser = (userId: string) => listPlans({ userId });

/** An account's plans (staff console: an account of the staff member's practice), newest first. */
export const listPlansForAccount = ({ practiceId, accountId }: { practiceId: string; accountId: string }) =>
  listPlans({ accountId, account: { practiceId } });

export type TPlanDetail = TPlanSummary & {
  accountId: string;
  frequency: string;
  dayOfMonth: number | null;
  downPaymentCents: number;
  agreementText: string;
  agreementVersion: string;
  agreedAt: Date;
  defaultedAt: Date | null;
  cancelledAt: Date | null;
  patientName: string | null;
  method: { id: string; label: string; isRemoved: boolean };
  installments: {
    sequence: number;
    dueDate: Date;
    amountCents: number;
    status: string;
    attempts: number;
    nextAttemptOn: Date | null;
    paymentId: string | null;
    isSkippable: boolean;
  }[];
  /** The plan owner's wallet, for "change method". */
  methods: { id: string; label: string }[];
  canSkip: boolean;
  today: string;
};

/** One plan as the actor may see it (another patient's is the same NOT_FOUND as a missing one). */
export const getPlanDetail = async (actor: TPlanActor, planId: string): Promise<TPlanDetail> => {
  const plan = await planFor(actor, planId);
  const db = await getDb();
  const today = todayInZone(plan.account.practice.timeZone, getClock().now());
  const policy = resolvePlanPolicy(policyOf(plan.account.practice));
  const methods = plan.userId
    ? await db.paymentMethod.findMany({
        where: { userId: plan.userId, removedAt: null },
        orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
      })
    : [];
  const skipsUsed = plan.installments.filter((i) => i.status === "SKIPPED").length;
  const canSkip = plan.status === "ACTIVE" && skipsUsed < policy.maxSkips;
  return {
    ...summaryOf(plan),
    accountId: plan.accountId,
    frequency: plan.frequency,
    dayOfMonth: plan.dayOfMonth,
    downPaymentCents: plan.downPaymentCents,
    agreementText: plan.agreementText,
    agreementVersion: plan.agreementVersion,
    agreedAt: plan.agreedAt,
    defaultedAt: plan.defaultedAt,
    cancelledAt: plan.cancelledAt,
    patientName: plan.user ? `${plan.user.firstName} ${plan.user.lastName}` : null,
    method: {
      id: plan.paymentMethod.id,
      label: walletMethodLabel(plan.paymentMethod, { withNickname: true }),
      isRemoved: plan.paymentMethod.removedAt !== null,
    },
    installments: plan.installments.map((i) => ({
      sequence: i.sequence,
      dueDate: i.dueDate,
      amountCents: i.amountCents,
      status: i.status,
      attempts: i.attempts,
      nextAttemptOn: i.nextAttemptOn,
      paymentId: i.paymentId,
      isSkippable: canSkip && i.status === "SCHEDULED" && i.dueDate.getTime() > today.getTime(),
    })),
    methods: methods
      .filter((m) => expiryState(m, today) !== "expired")
      .map((m) => ({ id: m.id, label: walletMethodLabel(m, { withNickname: true }) })),
    canSkip,
    today: toIsoDay(today),
  };
};

export type TPlanFormOptions = {
  practiceName: string;
  today: string;
  policy: Partial<TPlanPolicy>;
  accounts: {
    id: string;
    accountNumber: string;
    statements: { id: string; statementNumber: string; statementDate: Date; balanceCents: number }[];
  }[];
  /** `label` names the method in the agreement; `optionLabel`, if any, in the form's choice (staff: with whose it is). */
  methods: { id: string; label: string; optionLabel?: string; isDefault: boolean }[];
};

/** What the new-plan form offers: open statements of the patient's accounts in no active plan, and their wallet. */
export const getPlanFormOptions = (userId: string): Promise<TPlanFormOptions> =>
  planFormOptions({
    accounts: accountsWhere({ userId, need: "manage" }),
    methods: { userId, removedAt: null },
    withOwner: false,
  });

/**
 * What the staff new-plan form offers for an account of their practice: its open statements in
 * no active plan, and the saved methods the patient allows staff to charge (with whose they
 * are). Another practice's account, like a missing one, has nothing (the page answers 404).
 */
export const getStaffPlanFormOptions = ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}): Promise<TPlanFormOptions> =>
  planFormOptions({
    accounts: { id: accountId, practiceId },
    methods: staffChargeableWhere({ accountId, practiceId }),
    withOwner: true,
  });

const planFormOptions = async ({
  accounts: accountWhere,
  methods: methodWhere,
  withOwner,
}: {
  accounts: Prisma.AccountWhereInput;
  methods: Prisma.PaymentMethodWhereInput;
  withOwner: boolean;
}): Promise<TPlanFormOptions> => {
  const db = await getDb();
  const [accounts, methods] = await Promise.all([
    db.account.findMany({
      where: accountWhere,
      orderBy: { accountNumber: "asc" },
      select: {
        id: true,
        accountNumber: true,
        practice: {
          select: { name: true, timeZone: true, planMinInstallmentCents: true, planMaxMonths: true },
        },
        statements: {
          where: {
            status: { in: ["OPEN", "PARTIALLY_PAID"] },
            balanceCents: { gt: 0 },
            plans: { none: { plan: { status: "ACTIVE" } } },
          },
          orderBy: { statementDate: "asc" },
          select: { id: true, statementNumber: true, statementDate: true, balanceCents: true },
        },
      },
    }),
    db.paymentMethod.findMany({
      where: methodWhere,
      orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
      include: { user: { select: { email: true } } },
    }),
  ]);
  const practice = accounts[0]?.practice ?? {
    name: "the practice",
    timeZone: DEFAULT_TIME_ZONE,
    planMinInstallmentCents: 2500,
    planMaxMonths: 24,
  };
  const today = todayInZone(practice.timeZone, getClock().now());
  return {
    practiceName: practice.name,
    today: toIsoDay(today),
    policy: policyOf(practice),
    accounts: accounts
      .filter((a) => a.statements.length > 0)
      .map(({ id, accountNumber, statements }) => ({ id, accountNumber, statements })),
    methods: methods
      .filter((m) => expiryState(m, today) !== "expired")
      .map((m) => ({
        id: m.id,
        label: walletMethodLabel(m, { withNickname: true }),
        ...(withOwner && m.user
          ? { optionLabel: `${walletMethodLabel(m, { withNickname: true })} (${m.user.email})` }
          : {}),
        isDefault: m.isDefault,
      })),
  };
};

/** What a staff member is told about the agreement email of a plan they just set up. */
export type TAgreementEmailState =
  { kind: "sent"; to: string } | { kind: "due"; to: string } | { kind: "no-address" } | { kind: "none" };

/**
 * Whether the agreement of a plan staff set up went out, is still due, or had nowhere to go (the
 * staff plan page, after getPlanDetail has checked the plan is the staff member's practice's).
 */
export const getAgreementEmailState = async (planId: string): Promise<TAgreementEmailState> => {
  const db = await getDb();
  const plan = await db.paymentPlan.findUnique({
    where: { id: planId },
    select: {
      agreedVia: true,
      agreementEmailDueAt: true,
      user: { select: { email: true } },
      account: { select: { email: true } },
    },
  });
  if (!plan || plan.agreedVia === "ONLINE") return { kind: "none" };
  const to = agreementRecipient(plan);
  if (!to) return { kind: "no-address" };
  return plan.agreementEmailDueAt ? { kind: "due", to } : { kind: "sent", to };
};
