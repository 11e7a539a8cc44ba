"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { defineAction } from "@/lib/define-action";
import { requireActor } from "@/lib/auth/session";
import { passkeyRegistrationOptions, passkeySignInOptions, registerPasskey } from "@/lib/auth/mfa/passkeys";

const anyone = async () => null;

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

const ZRegisterPasskeyInput = z.object({
  challengeId: z.string().min(1).max(64),
  response: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") {
          return value as RegistrationResponseJSON;
        }
      } catch {
        // refused below
      }
      ctx.addIssue({ code: "custom", message: "That is not a passkey." });
      return z.NEVER;
    }),
});

export const registerPasskeyAction = defineAction({
  schema: ZRegisterPasskeyInput,
  guard: requireActor,
  handler: async ({ input, auth, context }) => {
    const passkey = await registerPasskey({
      user: auth,
      challengeId: input.challengeId,
      response: input.response,
      context,
    });
    revalidatePath("/profile/security");
    revalidatePath("/staff/security");
    return { name: passkey.name };
  },
});
