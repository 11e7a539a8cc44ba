"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { AppError } from "@/lib/errors";
import { getSession, requirePatient } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl } from "@/lib/auth/redirects";
import { confirmEnrolment, disableTotp, verifySecondFactor } from "@/lib/auth/mfa/second-factor";
import { ZDisableInput, ZEnrolInput, ZVerifyInput } from "@/lib/auth/mfa/schemas";

/**
 * The guard of the second-factor pages: a good session (lib/auth/user-session.ts), whether or
 * not its second factor has passed yet; that is what these actions are for.
 */
const requireSession = async () => {
  const session = await getSession();
  if (!session) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in again." });
  return { sessionId: session.sessionId, userId: session.userId, email: session.email, role: session.role };
};

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
