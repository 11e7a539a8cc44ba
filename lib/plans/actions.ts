"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { planActionSchemas as schemas } from "@/lib/plans/action-schemas";
import type { TPlanActor } from "@/lib/plans/access";

const patient = async (): Promise<TPlanActor> => {
  const actor = await requirePatient();
  return { kind: "patient", userId: actor.userId, email: actor.email };
};

const done = <T>(planId: string, result: T) => {
  revalidatePath("/plans");
  revalidatePath(`/plans/${planId}`);
  revalidatePath("/bills");
  return result;
};

export const createPlanAction = defineAction({
  schema: ZCreatePlanInput,
  guard: () => requirePatient(),
  handler: async ({ input, auth, context }) => {
    const result = await createPlan({ owner: { userId: auth.userId, email: auth.email }, input, context });
    done(result.planId, result);
    // Straight to the new plan: this form's page no longer offers the statements now in it.
    redirect(`/plans/${result.planId}?created=1`);
  },
});

export const changePlanMethodAction = defineAction({
  schema: schemas.method,
  guard: patient,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await changePlanMethod({ actor: auth, ...input, context })),
});

export const payPlanExtraAction = defineAction({
  schema: schemas.extra,
  guard: patient,
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

export const skipPlanInstallmentAction = defineAction({
  schema: schemas.skip,
  guard: patient,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await skipPlanInstallment({ actor: auth, ...input, context })),
});

export const cancelPlanAction = defineAction({
  schema: schemas.cancel,
  guard: patient,
  handler: async ({ input, auth, context }) =>
    done(input.planId, await cancelPlan({ actor: auth, planId: input.planId, context })),
});
