"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requirePatient, requireSession } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl } from "@/lib/auth/redirects";
import { confirmEnrolment, disableTotp, verifySecondFactor } from "@/lib/auth/mfa/second-factor";
import { ZDisableInput, ZEnrolInput, ZVerifyInput } from "@/lib/auth/mfa/schemas";

export const confirmEnrolmentAction = defineAction({
  schema: ZEnrolInput,
  guard: requireSession,
  handler: ({ input, auth, context }) => confirmEnrolment({ user: auth, code: input.code, context }),
});

export const verifySecondFactorAction = defineAction({
  schema: ZVerifyInput,
  guard: requireSession,
  handler: async ({ input, auth, context }) => {
    await verifySecondFactor({ user: auth, code: input.code, context });
    redirect(safeCallbackUrl(input.callbackUrl, homeFor(auth.role)));
  },
});

export const disableTotpAction = defineAction({
  schema: ZDisableInput,
  guard: async () => {
    await requirePatient();
    return requireSession();
  },
  handler: async ({ input, auth, context }) => {
    await disableTotp({ user: auth, code: input.code, context });
    revalidatePath("/profile/security");
  },
});
