"use server";

import { revalidatePath } from "next/cache";
import { requireActingStaff } from "@/lib/auth/session";
import { makePlanChangeActions } from "@/lib/plans/plan-change-actions";

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
