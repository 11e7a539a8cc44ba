"use server";

import { revalidatePath } from "next/cache";
import type { TActingUser } from "@/lib/audit/actor";
import { requireStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { unenrollAutopay } from "@/lib/autopay/enrollment";
import { ZUnenrollAutopayInput } from "@/lib/autopay/schemas";

/** Billing staff turning autopay off for a patient: `plans.manage`, re-checked here; audited as theirs. */
const staff = async (): Promise<TActingUser> => {
  const actor = await requireStaff("plans.manage");
  return {
    kind: "staff",
    userId: actor.userId,
    email: actor.email,
    role: actor.role === "ADMIN" ? "ADMIN" : "STAFF",
  };
};

export const staffUnenrollAutopayAction = defineAction({
  schema: ZUnenrollAutopayInput,
  guard: staff,
  handler: async ({ input, auth, context }) => {
    const result = await unenrollAutopay({ actor: auth, enrollmentId: input.enrollmentId, context });
    revalidatePath("/staff/accounts", "layout");
    return result;
  },
});
