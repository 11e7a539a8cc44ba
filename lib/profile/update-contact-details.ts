import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import type { TRequestContext } from "@/lib/request-context";
import type { TContactDetails } from "@/lib/profile/schemas";

const FIELDS = ["firstName", "lastName", "phone", "address1", "address2", "city", "state", "zip"] as const;

/**
 * Saves the patient's name, phone and mailing address (already validated and normalised by
 * ZContactDetailsInput). The audit entry names the fields that changed, not their values.
 */
export const updateContactDetails = async ({
  actor,
  details,
  context,
}: {
  actor: TActor;
  details: TContactDetails;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const before = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: Object.fromEntries(FIELDS.map((f) => [f, true])) as Record<(typeof FIELDS)[number], true>,
  });
  const changed = FIELDS.filter((f) => (before[f] ?? null) !== details[f]);
  if (changed.length === 0) return { changed };
  await db.user.update({ where: { id: actor.userId }, data: details });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "profile.contact_update",
    target: { type: "User", id: actor.userId },
    context,
    metadata: { changed },
  });
  return { changed };
};
