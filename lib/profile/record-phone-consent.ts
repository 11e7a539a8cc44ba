import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TStaffActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { maskPhone } from "@/lib/profile/phone";
import type { TRecordPhoneConsentInput } from "@/lib/profile/schemas";
import type { TRequestContext } from "@/lib/request-context";
import { recordSmsConsent } from "@/lib/sms/consent";
import { SMS_CONSENT } from "@/lib/sms/consent-text";
import { queueSms } from "@/lib/sms/messages";
import { sendSmsNow } from "@/lib/sms/sender";

/**
 * Staff record the consent to texts a patient of an account of their practice gave by phone: an
 * opt-in row of the number (source STAFF, the current consent text and version, the staff user
 * who recorded it), append-only like every other (lib/sms/consent.ts), and audited. The patient
 * is the account's login that texts that number, when there is one (their profile shows texts
 * on); otherwise the consent is the number's alone. The confirmation text is made due in the same
 * transaction and sent at once, as after an opt-in on the profile.
 */
export const recordPhoneConsent = async ({
  actor,
  input,
  context,
}: {
  actor: TStaffActor;
  input: TRecordPhoneConsentInput;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const { consentId, replyId } = await db.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: input.accountId, practiceId: actor.practiceId },
      select: {
        id: true,
        practice: { select: { name: true, phone: true, supportEmail: true, timeZone: true } },
        links: {
          where: { user: { smsPhone: input.phone } },
          orderBy: { createdAt: "asc" },
          select: { userId: true },
          take: 1,
        },
      },
    });
    if (!account) throw notFoundError("account");
    const userId = account.links[0]?.userId ?? null;
    const consent = await recordSmsConsent(tx, {
      phone: input.phone,
      userId,
      isOptedIn: true,
      source: "STAFF",
      recordedByUserId: actor.userId,
      practiceName: account.practice.name,
    });
    const reply = await queueSms(tx, {
      to: input.phone,
      kind: "CONSENT_CONFIRMATION",
      userId,
      practice: account.practice, // the account's: the one whose staff recorded the consent
      isReply: true,
    });
    await recordAudit(
      {
        actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
        action: "sms.consent_recorded",
        target: { type: "Account", id: account.id },
        context,
        metadata: {
          consentId: consent.id,
          phone: maskPhone(input.phone),
          source: "STAFF",
          consentVersion: SMS_CONSENT.version,
          patientUserId: userId,
        },
      },
      tx,
    );
    return { consentId: consent.id, replyId: reply.id };
  });
  await sendSmsNow([replyId]);
  return { consentId };
};
