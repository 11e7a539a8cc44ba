"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/define-action";
import { requirePatient } from "@/lib/auth/session";
import {
  ZAddMethodInput,
  ZMethodExpiryInput,
  ZMethodId,
  ZRenameMethodInput,
  ZStaffConsentInput,
} from "@/lib/saved-methods/schemas";
import { addMethod } from "@/lib/saved-methods/add-method";
import { removeMethod } from "@/lib/saved-methods/remove-method";
import { renameMethod } from "@/lib/saved-methods/rename-method";
import { setDefaultMethod } from "@/lib/saved-methods/set-default-method";
import { setStaffChargeConsent } from "@/lib/saved-methods/set-staff-charge-consent";
import { updateMethodExpiry } from "@/lib/saved-methods/update-method-expiry";

const guard = () => requirePatient();
const ownerOf = (auth: { userId: string; email: string }) => ({ userId: auth.userId, email: auth.email });
const done = <T>(result: T) => {
  revalidatePath("/wallet");
  revalidatePath("/pay");
  return result;
};

export const addMethodAction = defineAction({
  schema: ZAddMethodInput,
  guard,
  handler: async ({ input, auth, context }) =>
    done(await addMethod({ owner: ownerOf(auth), input, context })),
});

export const setDefaultMethodAction = defineAction({
  schema: ZMethodId,
  guard,
  handler: async ({ input, auth, context }) =>
    done(await setDefaultMethod({ owner: ownerOf(auth), methodId: input.methodId, context })),
});

export const renameMethodAction = defineAction({
  schema: ZRenameMethodInput,
  guard,
  handler: async ({ input, auth, context }) =>
    done(
      await renameMethod({
        owner: ownerOf(auth),
        methodId: input.methodId,
        nickname: input.nickname,
        context,
      }),
    ),
});

export const updateMethodExpiryAction = defineAction({
  schema: ZMethodExpiryInput,
  guard,
  handler: async ({ input, auth, context }) =>
    done(
      await updateMethodExpiry({
        owner: ownerOf(auth),
        methodId: input.methodId,
        ...input.expiry,
        // A new key per request: updating to the same expiry twice is harmless.
        idempotencyKey: randomUUID(),
        context,
      }),
    ),
});

export const removeMethodAction = defineAction({
  schema: ZMethodId,
  guard,
  handler: async ({ input, auth, context }) =>
    done(
      await removeMethod({
        owner: ownerOf(auth),
        methodId: input.methodId,
        // Deleting at the gateway is idempotent in itself.
        idempotencyKey: randomUUID(),
        context,
      }),
    ),
});

export const setStaffChargeConsentAction = defineAction({
  schema: ZStaffConsentInput,
  guard,
  handler: async ({ input, auth, context }) =>
    done(
      await setStaffChargeConsent({
        owner: ownerOf(auth),
        methodId: input.methodId,
        consent: input.consent,
        consentVersion: input.consentVersion,
        context,
      }),
    ),
});
