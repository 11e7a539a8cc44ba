import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TRequestContext } from "@/lib/request-context";
import { auditActorOfKeyActor, type TApiKeyActor } from "./create-api-key";

export type TRevokedApiKey = {
  id: string;
  name: string;
  prefix: string;
  revokedAt: Date;
  wasRevoked: boolean;
};

/**
 * Revokes a key, by its id (the console, within the admin's practice) or its visible prefix (the
 * command line; within a practice when one is named). From the next request on, the key is
 * answered 401. Revoking a revoked key changes nothing and says so. A key that is not found, or
 * is another practice's, is NOT_FOUND. Audited as `api_key.revoked`.
 */
export const revokeApiKey = async ({
  practiceId,
  apiKeyId,
  prefix,
  actor,
  context,
  now = new Date(),
}: {
  practiceId?: string;
  actor: TApiKeyActor;
  context?: TRequestContext;
  now?: Date;
} & (
  { apiKeyId: string; prefix?: undefined } | { prefix: string; apiKeyId?: undefined }
)): Promise<TRevokedApiKey> => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { ...(apiKeyId ? { id: apiKeyId } : { prefix }), ...(practiceId ? { practiceId } : {}) },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!key) throw notFoundError("API key");
    if (key.revokedAt) return { ...key, revokedAt: key.revokedAt, wasRevoked: true };
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
    await recordAudit(
      {
        actor: auditActorOfKeyActor(actor),
        action: "api_key.revoked",
        target: { type: "ApiKey", id: key.id },
        context,
        metadata: { name: key.name, prefix: key.prefix },
      },
      tx,
    );
    return { ...key, revokedAt: now, wasRevoked: false };
  });
};
