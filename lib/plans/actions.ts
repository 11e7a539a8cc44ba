"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/define-action";
import { requireActingPatient, requirePatient } from "@/lib/auth/session";
import { makePlanChangeActions } from "@/lib/plans/plan-change-actions";
import { createPlan } from "@/lib/plans/create-plan";
import { ZCreatePlanInput } from "@/lib/plans/schemas";

/** The patient's pages that show a plan. */
const revalidate = (planId: string) => {
  revalidatePath("/plans");
  revalidatePath(`/plans/${planId}`);
  revalidatePath("/bills");
};

export const createPlanAction = defineAction({
  schema: ZCreatePlanInput,
  guard: () => requirePatient(),
  handler: async ({ input, auth, context }) => {
    const result = await createPlan({ owner: { userId: auth.userId, email: auth.email }, input, context });
    revalidate(result.planId);
    // Straight to the new plan: this form's page no longer offers the statements now in it.
    redirect(`/plans/${result.planId}?created=1`);
  },
});

const changes = makePlanChangeActions({ guard: requireActingPatient, revalidate });

export const changePlanMethodAction = changes.changeMethod;
export const payPlanExtraAction = changes.payExtra;
export const skipPlanInstallmentAction = changes.skip;
export const cancelPlanAction = changes.cancel;
