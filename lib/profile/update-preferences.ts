import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import type { TRequestContext } from "@/lib/request-context";
import { PREFERENCES_SELECT } from "@/lib/profile/queries";
import { SMS_CONSENT, type TPreferences } from "@/lib/profile/schemas";
import { recordSmsConsent } from "@/lib/sms/consent";
import { practiceForSms, queueSms } from "@/lib/sms/messages";
import { sendSmsNow } from "@/lib/sms/sender";

const SWITCHES = [
  "paperlessStatements",
  "emailReceipts",
  "paymentReminders",
  "smsOptIn",
  "smsReminders",
] as const;

/**
 * Saves the communication preferences. Opting in to texts needs a valid mobile number
 * (ZPreferencesInput); it records the number's consent (source WEB, with the text, version and
 * language shown beside the box: lib/sms/consent.ts) and makes the confirmation text due, in the same
 * transaction, then sends it at once. Opting out, or moving texts to another number, records
 * the old number's opt-out. The change is audited with the consent version. The zone the browser
 * reported (validated by the schema) is kept on the user and with an opt-in, for quiet hours
 * (lib/sms/patient-zone.ts); a report alone is no change to audit.
 */
export const updatePreferences = async ({
  actor,
  preferences: input,
  context,
}: {
  actor: TActor;
  preferences: TPreferences;
  context: TRequestContext;
}) => {
  const { timeZone, ...preferences } = input;
  const db = await getDb();
  const replyIds = await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { ...PREFERENCES_SELECT, timeZone: true },
    });
    if (timeZone && timeZone !== before.timeZone) {
      await tx.user.update({ where: { id: actor.userId }, data: { timeZone } });
    }
    const changes: Record<string, { from: boolean; to: boolean }> = {};
    for (const s of SWITCHES) {
      if (before[s] !== preferences[s]) changes[s] = { from: before[s], to: preferences[s] };
    }
    const isSmsPhoneChanged = (before.smsPhone ?? null) !== preferences.smsPhone;
    if (Object.keys(changes).length === 0 && !isSmsPhoneChanged) return null;
    const { consentLocale, ...saved } = preferences;
    await tx.user.update({ where: { id: actor.userId }, data: saved });
    const replies: string[] = [];
    const wasTexting = before.smsOptIn && before.smsPhone ? before.smsPhone : null;
    const isTexting = preferences.smsOptIn && preferences.smsPhone ? preferences.smsPhone : null;
    if (wasTexting && wasTexting !== isTexting) {
      await recordSmsConsent(tx, {
        phone: wasTexting,
        userId: actor.userId,
        isOptedIn: false,
        source: "WEB",
      });
    }
    if (isTexting && isTexting !== wasTexting) {
      const practice = await practiceForSms(tx, { userId: actor.userId });
      await recordSmsConsent(tx, {
        phone: isTexting,
        userId: actor.userId,
        isOptedIn: true,
        source: "WEB",
        practiceName: practice.name,
        timeZone,
        locale: preferences.consentLocale,
      });
      const reply = await queueSms(tx, {
        to: isTexting,
        kind: "CONSENT_CONFIRMATION",
        userId: actor.userId,
        practice,
        isReply: true,
      });
      replies.push(reply.id);
    }
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action: "profile.preferences_update",
        target: { type: "User", id: actor.userId },
        context,
        metadata: {
          changes,
          ...(isSmsPhoneChanged ? { smsPhoneChanged: true } : {}),
          ...(changes.smsOptIn?.to
            ? { smsConsentVersion: SMS_CONSENT.version, smsConsentLocale: consentLocale }
            : {}),
        },
      },
      tx,
    );
    return replies;
  });
  if (replyIds === null) return { isChanged: false };
  await sendSmsNow(replyIds);
  return { isChanged: true };
};
