"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/session";
import { makePlanChangeActions } from "@/lib/plans/plan-change-actions";
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

const changes = makePlanChangeActions({
  guard: staff,
  revalidate: (planId) => {
    revalidatePath(`/staff/plans/${planId}`);
    revalidatePath("/staff/accounts", "layout");
  },
});

export const staffChangePlanMethodAction = changes.changeMethod;
export const staffPayPlanExtraAction = changes.payExtra;
export const staffSkipPlanInstallmentAction = changes.skip;
export const staffCancelPlanAction = changes.cancel;
