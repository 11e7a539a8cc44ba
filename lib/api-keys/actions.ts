"use server";

import { revalidatePath } from "next/cache";
import { requireActingStaff } from "@/lib/auth/session";
import { defineAction } from "@/lib/define-action";
import { staffPracticeId } from "@/lib/practice";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { ZCreateApiKeyInput, ZRevokeApiKeyInput, type TCreatedApiKey } from "./schemas";

/** An admin makes a key for their practice; the answer carries the key, shown this once. */
export const createApiKeyAction = defineAction({
  schema: ZCreateApiKeyInput,
  guard: () => requireActingStaff("api-keys.manage"),
  handler: async ({ input, auth, context }): Promise<TCreatedApiKey> => {
    const created = await createApiKey({
      practiceId: await staffPracticeId(auth.userId),
      name: input.name,
      scope: input.scope,
      actor: auth,
      context,
    });
    revalidatePath("/staff/api-keys");
    return created;
  },
});

/** An admin revokes one of their practice's keys (another practice's is not found). */
export const revokeApiKeyAction = defineAction({
  schema: ZRevokeApiKeyInput,
  guard: () => requireActingStaff("api-keys.manage"),
  handler: async ({ input, auth, context }) => {
    const revoked = await revokeApiKey({
      practiceId: await staffPracticeId(auth.userId),
      apiKeyId: input.apiKeyId,
      actor: auth,
      context,
    });
    revalidatePath("/staff/api-keys");
    return { name: revoked.name, prefix: revoked.prefix };
  },
});
