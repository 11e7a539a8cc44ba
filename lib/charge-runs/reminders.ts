import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { practiceToday } from "@/lib/charge-runs/claims";
import { getDb } from "@/lib/db";
import { sendEmails, type TEmailMessage } from "@/lib/email/send-email";
import { sendSmsNow } from "@/lib/sms/sender";

type TTx = Prisma.TransactionClient;

/**
 * Rows that are reminded before their day (installments, autopay charges): the row's table, its
 * parent (the plan, the enrolment) that names the account and must be ACTIVE, the row's date and
 * the practice's setting of how many days before it the reminder goes. Constants, never input:
 * they are written into the SQL as identifiers.
 */
export type TReminderRows = {
  table: "installment" | "autopay_charge";
  parent: "payment_plan" | "autopay_enrollment";
  parentKey: "planId" | "enrollmentId";
  dateColumn: "dueDate" | "chargeOn";
  reminderDays: "planReminderDays" | "autopayReminderDays";
  /** Further conditions on the row `d`, e.g. `AND d."paymentId" IS NULL`. */
  alsoWhere?: Prisma.Sql;
};

/**
 * Reminders are picked, marked and sent this many at a time: a day with 100,000 of them neither
 * holds them all at once nor marks them all before the first is sent.
 */
export const REMINDER_BATCH = 500;

const id = (name: string) => Prisma.raw(`"${name}"`);

/**
 * Picks up to `limit` SCHEDULED rows of an active parent whose day is within the practice's
 * reminder days (after today) and not reminded yet, and marks them reminded today in the same
 * UPDATE, so two workers never both remind one (FOR UPDATE SKIP LOCKED).
 */
const pickReminders = async (tx: TTx, rows: TReminderRows, { now, limit }: { now: Date; limit: number }) => {
  const today = practiceToday(now);
  const picked = await tx.$queryRaw<{ id: string }[]>`
    UPDATE ${id(rows.table)} r
       SET "remindedOn" = ${today}, "updatedAt" = now()
      FROM ${id(rows.parent)} p, "account" a, "practice" pr
     WHERE p.id = r.${id(rows.parentKey)} AND a.id = p."accountId" AND pr.id = a."practiceId"
       AND r.id IN (
         SELECT d.id FROM ${id(rows.table)} d
           JOIN ${id(rows.parent)} p ON p.id = d.${id(rows.parentKey)}
           JOIN "account" a ON a.id = p."accountId"
           JOIN "practice" pr ON pr.id = a."practiceId"
          WHERE p.status = 'ACTIVE' AND d.status = 'SCHEDULED' AND d."remindedOn" IS NULL
            ${rows.alsoWhere ?? Prisma.empty}
            AND d.${id(rows.dateColumn)} > ${today}
            AND d.${id(rows.dateColumn)} <= ${today} + pr.${id(rows.reminderDays)}
          LIMIT ${limit}
            FOR UPDATE OF d SKIP LOCKED)
    RETURNING r.id`;
  return picked.map((p) => p.id);
};

/**
 * The reminder run of a kind of row: picks `batchSize` rows at a time (REMINDER_BATCH), and sends the
 * emails `emailsFor` makes of them (none for someone who turned reminders off: the row stays
 * marked). `textsFor` makes their texts due in the transaction that marks them (lib/sms/notices.ts:
 * only for patients who chose texts), so a row is marked and texted together or not at all; both
 * go once it commits. Returns how many emails went.
 */
export const sendReminders = async ({
  rows,
  now,
  batchSize = REMINDER_BATCH,
  emailsFor,
  textsFor,
}: {
  rows: TReminderRows;
  now: Date;
  batchSize?: number;
  emailsFor: (ids: string[]) => Promise<TEmailMessage[]>;
  textsFor: (tx: TTx, ids: string[]) => Promise<string[]>;
}) => {
  const db = await getDb();
  let reminded = 0;
  for (;;) {
    const { ids, textIds } = await db.$transaction(async (tx) => {
      const picked = await pickReminders(tx, rows, { now, limit: batchSize });
      return { ids: picked, textIds: picked.length > 0 ? await textsFor(tx, picked) : [] };
    });
    if (ids.length === 0) return { reminded };
    const emails = await emailsFor(ids);
    await sendEmails(emails);
    await sendSmsNow(textIds);
    reminded += emails.length;
  }
};
