import "server-only";
import { accountsWhere } from "@/lib/access/rule";
import { getClock } from "@/lib/clock";
import { DEFAULT_TIME_ZONE, toIsoDay, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { agreementRecipient } from "@/lib/plans/agreement-email-queue";
import {
  planFor,
  plansOfPatientWhere,
  policyOf,
  type TLoadedPlan,
  type TPlanActor,
} from "@/lib/plans/access";
import { resolvePlanPolicy, type TPlanPolicy } from "@/lib/plans/schedule";
import { expiryState } from "@/lib/saved-methods/expiry";
import { LOCALES, type TLocale } from "@/lib/locale";
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
  /** Who set it up, when it is not the patient viewing it (a family member, on the guarantor's page). */
  setUpBy: string | null;
  cancelledAt: Date | null;
  /** Who cancelled it (the staff console names them: lib/access/cancelled-by.ts). */
  cancelledByUserId: string | null;
};

const OUTSTANDING = new Set(["SCHEDULED", "FAILED"]);

/** The name of the person who set the plan up, when a patient views another person's plan. */
const setUpByFor = (
  plan: { userId: string | null; user: { firstName: string; lastName: string } | null },
  viewerId: string | null,
) =>
  viewerId && plan.user && plan.userId !== viewerId ? `${plan.user.firstName} ${plan.user.lastName}` : null;

const summaryOf = (plan: TLoadedPlan, viewerId: string | null = null): TPlanSummary => {
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
    setUpBy: setUpByFor(plan, viewerId),
    cancelledAt: plan.cancelledAt,
    cancelledByUserId: plan.cancelledByUserId,
  };
};

const PLAN_INCLUDE = {
  account: { select: { accountNumber: true } },
  statements: { select: { statement: { select: { statementNumber: true } } } },
  installments: true,
  user: { select: { firstName: true, lastName: true } },
} as const;

/** The plans `where` picks, newest first, as summaries (`viewerId`: the patient reading them). */
const listPlans = async (
  where: Prisma.PaymentPlanWhereInput,
  viewerId: string | null = null,
): Promise<TPlanSummary[]> => {
  const db = await getDb();
  const plans = await db.paymentPlan.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: PLAN_INCLUDE,
  });
  return plans.map((p) => summaryOf(p as unknown as TLoadedPlan, viewerId));
};

/**
 * A patient's plans, newest first: their own, and every plan on an account they are the
 * guarantor of, whoever set it up (a family member's is marked with their name).
 */
export const listPlansForUser = (userId: string) => listPlans(plansOfPatientWhere(userId), userId);

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
  /**
   * `familyKind`: another person's method (a family member's plan, seen by the guarantor), shown
   * only as "a family member's card" or bank account; its label and id are then left empty.
   */
  method: { id: string; label: string; isRemoved: boolean; familyKind: "CARD" | "BANK" | null };
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
  /** Another person's plan on the viewer's account: the guarantor may see and cancel it, nothing more. */
  isCancelOnly: boolean;
  today: string;
};

/**
 * One plan as the actor may see it (another patient's is the same NOT_FOUND as a missing one),
 * its methods named in `locale`.
 */
export const getPlanDetail = async (
  actor: TPlanActor,
  planId: string,
  locale: TLocale = "en",
): Promise<TPlanDetail> => {
  const plan = await planFor(actor, planId, { asGuarantor: true });
  const viewerId = actor.kind === "patient" ? actor.userId : null;
  const isOthers = viewerId !== null && plan.userId !== viewerId;
  const db = await getDb();
  const today = todayInZone(plan.account.practice.timeZone, getClock().now());
  const policy = resolvePlanPolicy(policyOf(plan.account.practice));
  const methods =
    plan.userId && !isOthers
      ? await db.paymentMethod.findMany({
          where: { userId: plan.userId, removedAt: null },
          orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }],
        })
      : [];
  const skipsUsed = plan.installments.filter((i) => i.status === "SKIPPED").length;
  const canSkip = !isOthers && plan.status === "ACTIVE" && skipsUsed < policy.maxSkips;
  return {
    ...summaryOf(plan, viewerId),
    accountId: plan.accountId,
    frequency: plan.frequency,
    dayOfMonth: plan.dayOfMonth,
    downPaymentCents: plan.downPaymentCents,
    // The member's agreement names their card: not the guarantor's to read.
    agreementText: isOthers ? "" : plan.agreementText,
    agreementVersion: plan.agreementVersion,
    agreedAt: plan.agreedAt,
    defaultedAt: plan.defaultedAt,
    cancelledAt: plan.cancelledAt,
    patientName: plan.user ? `${plan.user.firstName} ${plan.user.lastName}` : null,
    method: isOthers
      ? {
          id: "",
          label: "",
          isRemoved: plan.paymentMethod.removedAt !== null,
          familyKind: plan.paymentMethod.kind === "ACH" ? "BANK" : "CARD",
        }
      : {
          id: plan.paymentMethod.id,
          label: walletMethodLabel(plan.paymentMethod, { withNickname: true, locale }),
          isRemoved: plan.paymentMethod.removedAt !== null,
          familyKind: null,
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
      .map((m) => ({ id: m.id, label: walletMethodLabel(m, { withNickname: true, locale }) })),
    canSkip,
    isCancelOnly: isOthers,
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
  /**
   * `label` names the method in the agreement; `optionLabel`, if any, in the form's choice (staff:
   * with whose it is); `agreementLabels` (staff) in each language staff may read the agreement in.
   */
  methods: {
    id: string;
    label: string;
    optionLabel?: string;
    agreementLabels?: Record<TLocale, string>;
    isDefault: boolean;
  }[];
};

/**
 * What the new-plan form offers: open statements of the patient's accounts in no active plan, and
 * their wallet, the methods named in `locale` (the agreement the patient reads names one).
 */
export const getPlanFormOptions = (userId: string, locale: TLocale = "en"): Promise<TPlanFormOptions> =>
  planFormOptions({
    accounts: accountsWhere({ userId, need: "manage" }),
    methods: { userId, removedAt: null },
    withOwner: false,
    locale,
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
    locale: "en",
  });

const planFormOptions = async ({
  accounts: accountWhere,
  methods: methodWhere,
  withOwner,
  locale,
}: {
  accounts: Prisma.AccountWhereInput;
  methods: Prisma.PaymentMethodWhereInput;
  withOwner: boolean;
  locale: TLocale;
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
        label: walletMethodLabel(m, { withNickname: true, locale }),
        ...(withOwner && m.user
          ? { optionLabel: `${walletMethodLabel(m, { withNickname: true })} (${m.user.email})` }
          : {}),
        // Staff read the agreement to the patient in the patient's language (the form's choice).
        ...(withOwner
          ? {
              agreementLabels: Object.fromEntries(
                LOCALES.map((l) => [l, walletMethodLabel(m, { withNickname: true, locale: l })]),
              ) as Record<TLocale, string>,
            }
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
