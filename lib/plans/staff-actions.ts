"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActingStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { createStaffPlan } from "@/lib/plans/create-staff-plan";
import { makePlanChangeActions } from "@/lib/plans/plan-change-actions";
import { ZCreateStaffPlanInput } from "@/lib/plans/schemas";

const changes = makePlanChangeActions({
  // Billing staff acting on a patient's plan; every change is audited as theirs.
  guard: () => requireActingStaff("plans.manage"),
  revalidate: (planId) => {
    revalidatePath(`/staff/plans/${planId}`);
    revalidatePath("/staff/accounts", "layout");
  },
});

export const staffChangePlanMethodAction = changes.changeMethod;
export const staffPayPlanExtraAction = changes.payExtra;
export const staffSkipPlanInstallmentAction = changes.skip;
export const staffCancelPlanAction = changes.cancel;

/** Staff set up a plan for an account's patient (lib/plans/create-staff-plan.ts), then open it. */
export const staffCreatePlanAction = defineAction({
  schema: ZCreateStaffPlanInput,
  guard: () => requireActingStaff("plans.manage"),
  handler: async ({ input, auth, context }) => {
    const result = await createStaffPlan({ actor: auth, input, context });
    revalidatePath(`/staff/accounts/${input.accountId}`);
    redirect(`/staff/plans/${result.planId}?created=1`);
  },
});
