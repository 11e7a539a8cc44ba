import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import type { TRequestContext } from "@/lib/request-context";
import { PREFERENCES_SELECT } from "@/lib/profile/queries";
import { SMS_CONSENT, type TPreferences } from "@/lib/profile/schemas";

const SWITCHES = ["paperlessStatements", "emailReceipts", "paymentReminders", "smsOptIn"] as const;

/**
 * Saves the communication preferences. Texts are only stored for now (sending them is a later
 * feature); opting in needs a valid mobile number (ZPreferencesInput) and is audited with the
 * version of the consent text shown beside the box.
 */
export const updatePreferences = async ({
  actor,
  preferences,
  context,
}: {
  actor: TActor;
  preferences: TPreferences;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const before = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: PREFERENCES_SELECT,
  });
  const changes: Record<string, { from: boolean; to: boolean }> = {};
  for (const s of SWITCHES) {
    if (before[s] !== preferences[s]) changes[s] = { from: before[s], to: preferences[s] };
  }
  const isSmsPhoneChanged = (before.smsPhone ?? null) !== preferences.smsPhone;
  if (Object.keys(changes).length === 0 && !isSmsPhoneChanged) return { isChanged: false };
  await db.user.update({ where: { id: actor.userId }, data: preferences });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "profile.preferences_update",
    target: { type: "User", id: actor.userId },
    context,
    metadata: {
      changes,
      ...(isSmsPhoneChanged ? { smsPhoneChanged: true } : {}),
      ...(changes.smsOptIn?.to ? { smsConsentVersion: SMS_CONSENT.version } : {}),
    },
  });
  return { isChanged: true };
};
