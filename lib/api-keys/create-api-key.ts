import "server-only";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import type { TRequestContext } from "@/lib/request-context";
import type { Role } from "@/lib/generated/prisma/enums";
import { newApiKey } from "./keys";
import type { TApiKeyScopeName, TCreatedApiKey } from "./schemas";

/** Who makes or revokes a key: an admin in the console, or the operator's command line. */
export type TApiKeyActor =
  { kind: "staff"; userId: string; email: string; role: Role } | { kind: "command-line" };

export const auditActorOfKeyActor = (actor: TApiKeyActor): TAuditActor =>
  actor.kind === "staff"
    ? { kind: "user", userId: actor.userId, role: actor.role, label: actor.email }
    : { kind: "system" };

const SCOPE = { read: "READ", write: "WRITE" } as const;

/**
 * Makes an API key for a practice and returns it, the only time it is ever seen: the database
 * keeps its SHA-256 and its visible prefix (lib/api-keys/keys.ts). Audited as `api_key.created`.
 */
export const createApiKey = async ({
  practiceId,
  name,
  scope,
  actor,
  context,
}: {
  practiceId: string;
  name: string;
  scope: TApiKeyScopeName;
  actor: TApiKeyActor;
  context?: TRequestContext;
}): Promise<TCreatedApiKey> => {
  const db = await getDb();
  // A prefix is 48 random bits: a collision is all but impossible, and a retry mends it.
  for (let attempt = 1; ; attempt++) {
    const made = newApiKey();
    try {
      const row = await db.$transaction(async (tx) => {
        const created = await tx.apiKey.create({
          data: {
            practiceId,
            name,
            scope: SCOPE[scope],
            prefix: made.prefix,
            keyHash: made.keyHash,
            createdBy: actor.kind === "staff" ? actor.email : "command line",
          },
          select: { id: true },
        });
        await recordAudit(
          {
            actor: auditActorOfKeyActor(actor),
            action: "api_key.created",
            target: { type: "ApiKey", id: created.id },
            context,
            metadata: { name, scope, prefix: made.prefix, practiceId },
          },
          tx,
        );
        return created;
      });
      return { id: row.id, name, scope, prefix: made.prefix, key: made.key };
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
};
