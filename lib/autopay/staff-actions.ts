"use server";

import { revalidatePath } from "next/cache";
import { requireActingStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { unenrollAutopay } from "@/lib/autopay/enrollment";
import { ZUnenrollAutopayInput } from "@/lib/autopay/schemas";

/** Billing staff turning autopay off for a patient: `plans.manage`; audited as theirs. */
export const staffUnenrollAutopayAction = defineAction({
  schema: ZUnenrollAutopayInput,
  guard: () => requireActingStaff("plans.manage"),
  handler: async ({ input, auth, context }) => {
    const result = await unenrollAutopay({ actor: auth, enrollmentId: input.enrollmentId, context });
    revalidatePath("/staff/accounts", "layout");
    return result;
  },
});
