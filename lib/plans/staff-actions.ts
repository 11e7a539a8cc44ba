"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requireStaff } from "@/lib/auth/session";
import { planActionSchemas as schemas } from "@/lib/plans/action-schemas";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";
import type { TPlanActor } from "@/lib/plans/access";

/** Billing staff acting on a patient's plan: `plans.manage`, re-checked here; every change is audited as theirs. */
const staff = async (): Promise<TPlanActor> => {
  const actor = await requireStaff("plans.manage");
  return {
    kind: "staff",
    userId: actor.userId,
    email: actor.email,
    role: actor.role === "ADMIN" ? "ADMIN" : "STAFF",
  };
};

const done = <T>(planId: string, result: T) => {
  revalidatePath(`/staff/plans/${planId}`);
  revalidatePath("/staff/accounts", "layout");
  return result;
};

export const staffChangePlanMethodAction = defineAction({
  schema: schemas.method,
  guard: staff,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await changePlanMethod({ actor: auth, ...input, context })),
});

export const staffPayPlanExtraAction = defineAction({
  schema: schemas.extra,
  guard: staff,
  handler: async ({ input, auth, context }) =>
    done(
      input.planId,
      await payPlanExtra({
        actor: auth,
        planId: input.planId,
        amountCents: input.amount,
        idempotencyKey: input.idempotencyKey,
        context,
      }),
    ),
});

export const staffSkipPlanInstallmentAction = defineAction({
  schema: schemas.skip,
  guard: staff,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await skipPlanInstallment({ actor: auth, ...input, context })),
});

export const staffCancelPlanAction = defineAction({
  schema: schemas.cancel,
  guard: staff,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await cancelPlan({ actor: auth, planId: input.planId, context })),
});
