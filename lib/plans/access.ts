import "server-only";
import { ACCOUNT_NAME_SELECT } from "@/lib/account-name";
import { SAVED_METHOD_LABEL_SELECT } from "@/lib/method-label";
import { auditActorOf, type TActingUser } from "@/lib/audit/actor";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TPlanPolicy } from "@/lib/plans/schedule";

/** Who acts on a plan: the patient it belongs to, or staff (`plans.manage`) acting for the patient. */
export type TPlanActor = TActingUser;
export { auditActorOf };

/** The practice's plan policy (its settings over the defaults). */
export const policyOf = (practice: { planMinInstallmentCents: number; planMaxMonths: number }) =>
  ({
    minInstallmentCents: practice.planMinInstallmentCents,
    maxLengthMonths: practice.planMaxMonths,
  }) satisfies Partial<TPlanPolicy>;

const PLAN_WITH = {
  account: {
    select: {
      ...ACCOUNT_NAME_SELECT,
      practice: {
        select: {
          id: true,
          name: true,
          timeZone: true,
          planMinInstallmentCents: true,
          planMaxMonths: true,
        },
      },
    },
  },
  user: { select: { id: true, email: true, firstName: true, lastName: true } },
  paymentMethod: {
    select: { id: true, ...SAVED_METHOD_LABEL_SELECT, expMonth: true, expYear: true, removedAt: true },
  },
  statements: {
    select: {
      statement: {
        select: { id: true, statementNumber: true, statementDate: true, balanceCents: true, status: true },
      },
    },
  },
  installments: { orderBy: { sequence: "asc" as const } },
} as const;

/**
 * The plans a patient may see: their own, and every plan on an account they are the guarantor of
 * (an `account_link`), whoever set it up: a family member with the MANAGE scope, or staff.
 */
export const plansOfPatientWhere = (userId: string) => ({
  OR: [{ userId }, { account: { links: { some: { userId } } } }],
});

/**
 * The plan the actor may see: the patient's own (or, `asGuarantor`, any on an account they are
 * the guarantor of), or one of the staff member's practice.
 */
const loadPlan = async (actor: TPlanActor, planId: string, { asGuarantor = false } = {}) => {
  const db = await getDb();
  return db.paymentPlan.findFirst({
    where: {
      id: planId,
      ...(actor.kind === "patient"
        ? asGuarantor
          ? plansOfPatientWhere(actor.userId)
          : { userId: actor.userId }
        : { account: { practiceId: actor.practiceId } }),
    },
    include: PLAN_WITH,
  });
};
export type TLoadedPlan = NonNullable<Awaited<ReturnType<typeof loadPlan>>>;

/**
 * The plan if the actor may see it: a patient's own plan (with `asGuarantor`, also one another
 * person set up on an account the patient is the guarantor of: to see and cancel it, nothing
 * else); for staff, a plan of their practice (their permission is checked by the action or page).
 * Any other, like a missing one, is "not found".
 */
export const planFor = async (
  actor: TPlanActor,
  planId: string,
  options: { asGuarantor?: boolean } = {},
): Promise<TLoadedPlan> => {
  const plan = await loadPlan(actor, planId, options);
  if (!plan) throw notFoundError("plan");
  return plan;
};
