"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { defineAction } from "@/lib/define-action";
import { requireActor, requireActorWithStaffStepUp, requireSession } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl } from "@/lib/auth/redirects";
import {
  passkeyRegistrationOptions,
  passkeySecondFactorOptions,
  passkeySignInOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
} from "@/lib/auth/mfa/passkeys";
import { verifyPasskeySecondFactor } from "@/lib/auth/mfa/second-factor";
import {
  ZPasskeySecondFactorInput,
  ZRemovePasskeyInput,
  ZRenamePasskeyInput,
  ZWebAuthnResponse,
} from "@/lib/auth/mfa/schemas";

const anyone = async () => null;

/** The pages that list a user's passkeys. */
const revalidateSecurityPages = () => {
  revalidatePath("/profile/security");
  revalidatePath("/staff/security");
};

/** The challenge of a passkey sign-in (anyone on the sign-in page). */
export const passkeySignInOptionsAction = defineAction({
  schema: z.object({}),
  guard: anyone,
  handler: () => passkeySignInOptions(),
});

/** The challenge of adding a passkey (a signed-in user, second factor passed). */
export const passkeyRegistrationOptionsAction = defineAction({
  schema: z.object({}),
  guard: requireActor,
  handler: ({ auth }) => passkeyRegistrationOptions(auth),
});

export const registerPasskeyAction = defineAction({
  schema: z.object({ challengeId: z.string().min(1).max(64), response: ZWebAuthnResponse }),
  guard: requireActor,
  handler: async ({ input, auth, context }) => {
    const passkey = await registerPasskey({
      user: auth,
      challengeId: input.challengeId,
      response: input.response as RegistrationResponseJSON,
      context,
    });
    revalidateSecurityPages();
    return { name: passkey.name };
  },
});

/**
 * The challenge of a passkey as the second step (after the password, or a step-up): the
 * session's guard, like the code's, whether or not its second factor has passed yet.
 */
export const passkeySecondFactorOptionsAction = defineAction({
  schema: z.object({}),
  guard: requireSession,
  handler: ({ auth }) => passkeySecondFactorOptions(auth),
});

/** A passkey's answer as the second step; where to go next (the page navigates there). */
export const verifyPasskeySecondFactorAction = defineAction({
  schema: ZPasskeySecondFactorInput,
  guard: requireSession,
  handler: async ({ input, auth, context }) => {
    await verifyPasskeySecondFactor({
      user: auth,
      challengeId: input.challengeId,
      response: input.response as AuthenticationResponseJSON,
      context,
    });
    return { next: safeCallbackUrl(input.callbackUrl, homeFor(auth.role)) };
  },
});

/** Renames one of one's own passkeys (no step-up: a name changes nothing about signing in). */
export const renamePasskeyAction = defineAction({
  schema: ZRenamePasskeyInput,
  guard: requireActor,
  handler: async ({ input, auth, context }) => {
    const renamed = await renamePasskey({
      user: auth,
      passkeyId: input.passkeyId,
      name: input.name,
      context,
    });
    revalidateSecurityPages();
    return renamed;
  },
});

/** Removes one of one's own passkeys: staff with a fresh second factor, and never their last. */
export const removePasskeyAction = defineAction({
  schema: ZRemovePasskeyInput,
  guard: () => requireActorWithStaffStepUp("passkey.remove"),
  handler: async ({ input, auth, context }) => {
    await removePasskey({ user: auth, passkeyId: input.passkeyId, context });
    revalidateSecurityPages();
  },
});
