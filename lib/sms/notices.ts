import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { localeOr } from "@/lib/locale";
import { isOptedIn } from "@/lib/sms/consent";
import { noticeText, type TSmsNotice } from "@/lib/sms/notice-texts";
import { nextSendableAt } from "@/lib/sms/quiet-hours";
import { recipientTimeZone } from "@/lib/sms/recipient-zone";

type TTx = Prisma.TransactionClient;

/** A user filter: who chose plan and autopay notices by text (queueSmsNotice checks the consent). */
export const TEXTS_CHOSEN = { smsReminders: true, smsOptIn: true, smsPhone: { not: null } } as const;

/**
 * Makes a plan or autopay notice due by text, in the caller's transaction, for a patient who chose
 * texts for them (`user.smsReminders`) at a number whose consent is on record and not stopped; for
 * anyone else, nothing. It is written in the patient's saved language (English when none). One text per `dedupeKey` ever (`plan-reminder:<installmentId>` …): a job
 * that runs again after a crash or a retry finds it made and makes no second one. Returns the new
 * text's id (send it after the commit: lib/sms/sender.ts), or null. Quiet hours (in the patient's
 * zone: lib/sms/recipient-zone.ts) and the daily limit are the sender's.
 */
export const queueSmsNotice = async (
  tx: TTx,
  {
    userId,
    dedupeKey,
    notice,
    practice,
    now,
  }: {
    userId: string | null;
    dedupeKey: string;
    notice: TSmsNotice;
    practice: { name: string; timeZone: string };
    now: Date;
  },
): Promise<string | null> => {
  if (!userId) return null;
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { smsPhone: true, smsOptIn: true, smsReminders: true, locale: true },
  });
  if (!user?.smsPhone || !user.smsOptIn || !user.smsReminders) return null;
  if (!(await isOptedIn(tx, user.smsPhone))) return null;
  const timeZone = await recipientTimeZone(tx, {
    phone: user.smsPhone,
    userId,
    practiceZone: practice.timeZone,
  });
  const [made] = await tx.smsMessage.createManyAndReturn({
    data: [
      {
        to: user.smsPhone,
        body: noticeText(notice, practice.name, localeOr(user.locale)),
        kind: notice.kind,
        isReply: false,
        userId,
        dedupeKey,
        timeZone,
        sendDueAt: nextSendableAt(now, timeZone),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  return made?.id ?? null;
};
