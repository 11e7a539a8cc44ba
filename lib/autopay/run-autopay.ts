import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { sendEmails, type TEmailMessage } from "@/lib/email/send-email";
import { isAppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import { chargeClaimed, type TRunCounts } from "@/lib/charge-runs/charge-loop";
import { leaseUntil, practiceToday, systemContext } from "@/lib/charge-runs/claims";
import { sendReminders, type TReminderRows } from "@/lib/charge-runs/reminders";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { localeOr, type TLocale } from "@/lib/locale";
import { autopayDeclinedEmail, autopayOverLimitEmail, autopayReminderEmail } from "@/lib/autopay/emails";
import { walletMethodLabel } from "@/lib/method-label";
import { queueSmsNotice, TEXTS_CHOSEN } from "@/lib/sms/notices";
import { sendSmsNow } from "@/lib/sms/sender";

const SYSTEM_CONTEXT = systemContext("autopay.charge-due");

/**
 * The idempotency key of the autopay charge of one version of a statement (the amount the
 * practice billed): a retried job, a second worker or a crash replays the payment, never charges
 * again; a statement re-billed with another amount is a new version and may be charged once more.
 */
export const autopayChargeKey = (statementId: string, amountDueCents: number) =>
  `autopay:${statementId}:${amountDueCents}`;

const CHARGE_WITH = {
  statement: {
    select: { id: true, statementNumber: true, balanceCents: true, status: true, amountDueCents: true },
  },
  enrollment: {
    include: {
      user: { select: { email: true, paymentReminders: true, locale: true } },
      paymentMethod: true,
      account: {
        select: {
          id: true,
          accountNumber: true,
          email: true,
          practice: { select: { id: true, name: true } },
          // For an enrolment without a login: whose language its emails are in (localeOf).
          links: {
            select: { user: { select: { email: true, locale: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  },
} as const;

type TLoadedCharge = Prisma.AutopayChargeGetPayload<{ include: typeof CHARGE_WITH }>;

/** What the autopay emails of one charge say about it. */
type TChargeFacts = {
  email: string | null;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  statementNumber: string;
  chargeOn: Date;
  limitCents: number;
  /** The language of the emails: localeOf. */
  locale: TLocale;
};

/**
 * Who hears about a charge: the patient who enrolled, or, for an enrolment without a login (the
 * practice's enrolment file), the account's email from the practice's own records.
 */
const emailOf = (c: TLoadedCharge) =>
  c.enrollment.user ? c.enrollment.user.email : c.enrollment.account.email;

/**
 * The language of a charge's emails: the saved language of the patient who enrolled; for an
 * enrolment from the practice's file (no login, and the file has no language field:
 * docs/files.md), that of the login linked to the account, the one whose email is the account's
 * (the address written to) first, else the earliest linked; English when none chose one. The
 * same rule as loadCharge's SQL.
 */
const localeOf = ({ enrollment: { user, account } }: TLoadedCharge): TLocale => {
  if (user) return localeOr(user.locale);
  const address = account.email?.toLowerCase();
  const linked = account.links.find((l) => l.user.email.toLowerCase() === address) ?? account.links[0];
  return localeOr(linked?.user.locale);
};

const factsOf = (c: TLoadedCharge): TChargeFacts => ({
  email: emailOf(c),
  practiceId: c.enrollment.account.practice.id,
  practiceName: c.enrollment.account.practice.name,
  accountNumber: c.enrollment.account.accountNumber,
  statementNumber: c.statement.statementNumber,
  chargeOn: c.chargeOn,
  limitCents: c.enrollment.limitCents,
  locale: localeOf(c),
});

const mailOf = (f: TChargeFacts, amountCents: number) => ({
  to: f.email ?? "",
  practiceId: f.practiceId,
  practiceName: f.practiceName,
  accountNumber: f.accountNumber,
  statementNumber: f.statementNumber,
  amountCents,
  chargeOn: f.chargeOn,
  locale: f.locale,
});

const overLimitEmail = (f: TChargeFacts, amountCents: number): TEmailMessage =>
  autopayOverLimitEmail({ ...mailOf(f, amountCents), limitCents: f.limitCents });

/**
 * Plans the charges of new statements: every open statement with a balance of an account on
 * autopay, issued (created, or updated by a balance file) after the enrolment began and in no
 * active payment plan, gets one charge row per version (`amountDueCents`), on its due date or
 * `autopayDaysAfterStatement` days after its statement date. A balance above the limit is planned
 * as OVER_LIMIT and the patient emailed, once: only the run whose INSERT wrote the row sends it.
 */
export const planAutopayCharges = async () => {
  const db = await getDb();
  const inserted = await db.$queryRaw<{ id: string; status: string }[]>`
    INSERT INTO "autopay_charge" AS c
           (id, "enrollmentId", "statementId", "amountDueCents", "chargeOn", status, "amountCents", "updatedAt")
    SELECT gen_random_uuid()::text, e.id, s.id, s."amountDueCents",
           COALESCE(s."dueDate", s."statementDate" + pr."autopayDaysAfterStatement"),
           (CASE WHEN s."balanceCents" > e."limitCents" THEN 'OVER_LIMIT' ELSE 'SCHEDULED' END)::"AutopayChargeStatus",
           CASE WHEN s."balanceCents" > e."limitCents" THEN s."balanceCents" END,
           now()
      FROM "autopay_enrollment" e
      JOIN "account" a ON a.id = e."accountId"
      JOIN "practice" pr ON pr.id = a."practiceId"
      JOIN "statement" s ON s."accountId" = e."accountId"
      LEFT JOIN "import_file" f ON f.id = s."importFileId"
     WHERE e.status = 'ACTIVE'
       AND s.status IN ('OPEN', 'PARTIALLY_PAID') AND s."balanceCents" > 0
       AND (s."createdAt" >= e."createdAt" OR f."createdAt" >= e."createdAt")
       AND NOT EXISTS (SELECT 1 FROM "payment_plan_statement" ps JOIN "payment_plan" p ON p.id = ps."planId"
                        WHERE ps."statementId" = s.id AND p.status = 'ACTIVE')
    ON CONFLICT ("statementId", "amountDueCents") DO NOTHING
    RETURNING c.id, c.status::text AS status`;
  const overLimit = inserted.filter((r) => r.status === "OVER_LIMIT").map((r) => r.id);
  if (overLimit.length > 0) {
    const charges = await db.autopayCharge.findMany({
      where: { id: { in: overLimit } },
      include: CHARGE_WITH,
    });
    await sendEmails(
      charges.flatMap((c) => (emailOf(c) ? [overLimitEmail(factsOf(c), c.amountCents ?? 0)] : [])),
    );
  }
  return { planned: inserted.length, overLimit: overLimit.length };
};

/**
 * Claims up to `limit` charges due (their day is today or earlier in the practice's zone) and not
 * held by another worker: FOR UPDATE SKIP LOCKED, then a lease. A charge whose payment is still
 * processing is picked again until it has its answer, even if autopay was turned off meanwhile.
 * Oldest day first, in the order of the (status, chargeOn) index, so that a claim reads about
 * `limit` rows however many are due (ordering by id as well would sort every due charge at each
 * claim: 200 ms a claim with 100,000 due).
 */
export const claimDueAutopayCharges = async ({
  now,
  limit,
}: {
  now: Date;
  limit: number;
}): Promise<{ id: string; statementId: string }[]> => {
  const db = await getDb();
  return db.$queryRaw<{ id: string; statementId: string }[]>`
    UPDATE "autopay_charge" c
       SET "claimedUntil" = ${leaseUntil(now)}, "updatedAt" = now()
     WHERE c.id IN (
       SELECT d.id FROM "autopay_charge" d
         JOIN "autopay_enrollment" e ON e.id = d."enrollmentId"
         JOIN "account" a ON a.id = e."accountId"
         JOIN "practice" pr ON pr.id = a."practiceId"
        WHERE d.status = 'SCHEDULED'
          AND (e.status = 'ACTIVE' OR d."paymentId" IS NOT NULL)
          AND (d."claimedUntil" IS NULL OR d."claimedUntil" < ${now})
          AND d."chargeOn" <= ${practiceToday(now)}
        ORDER BY d."chargeOn"
        LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED)
    RETURNING c.id, c."statementId"`;
};

export type TAutopayOutcome = "PAID" | "PENDING" | "FAILED" | "OVER_LIMIT" | "NOTHING_OWED" | "SKIPPED";

type TEarlierPayment = { id: string; status: PaymentStatus; amountCents: number; declineCode: string | null };

type TChargeRow = {
  status: string;
  amountDueCents: number;
  chargeOn: Date;
  idempotencyKey: string;
  enrollmentId: string;
  enrollmentStatus: string;
  accountId: string;
  userId: string | null;
  paymentMethodId: string;
  limitCents: number;
  email: string | null;
  statementId: string;
  statementNumber: string;
  balanceCents: number;
  statementStatus: string;
  isInPlan: boolean;
  accountNumber: string;
  practiceId: string;
  practiceName: string;
  /** The saved language the emails are in (localeOf; null: none chose one). */
  locale: string | null;
  /** JSON (an object, or its text on a driver that leaves json as text). */
  earlier: TEarlierPayment | string | null;
};

/**
 * One charge with what charging it needs, in one query: its enrolment and the patient's address,
 * its statement (and whether an active plan holds it), the account and practice for the emails,
 * and the payment an earlier attempt made under its key, if any. The lookups are subqueries
 * rather than joins: PostgreSQL plans them in half the time of a seven-table join, and planning
 * is most of this query's cost.
 */
const loadCharge = async (chargeId: string) => {
  const db = await getDb();
  // The key is autopayChargeKey's, built here to find the payment in the same query (checked below).
  const [row] = await db.$queryRaw<TChargeRow[]>`
    SELECT c.status::text AS status, c."amountDueCents", c."chargeOn",
           'autopay:' || c."statementId" || ':' || c."amountDueCents" AS "idempotencyKey",
           e.id AS "enrollmentId", e.status::text AS "enrollmentStatus", e."accountId", e."userId",
           e."paymentMethodId", e."limitCents",
           -- The enrolling patient's, or the account's for an enrolment without a login (emailOf).
           CASE WHEN e."userId" IS NOT NULL THEN (SELECT u.email FROM "user" u WHERE u.id = e."userId")
                ELSE (SELECT a.email FROM "account" a WHERE a.id = e."accountId") END AS email,
           -- The language of the emails (localeOf): the enrolling patient's, or for an enrolment
           -- without a login the linked login's whose email is the account's, else the earliest linked.
           CASE WHEN e."userId" IS NOT NULL THEN (SELECT u.locale FROM "user" u WHERE u.id = e."userId")
                ELSE (SELECT u.locale FROM "account_link" l
                        JOIN "user" u ON u.id = l."userId"
                        JOIN "account" a ON a.id = l."accountId"
                       WHERE l."accountId" = e."accountId"
                       ORDER BY lower(u.email) = lower(a.email) DESC NULLS LAST, l."createdAt"
                       LIMIT 1) END AS locale,
           s.id AS "statementId", s."statementNumber", s."balanceCents", s.status::text AS "statementStatus",
           EXISTS (SELECT 1 FROM "payment_plan_statement" ps JOIN "payment_plan" pp ON pp.id = ps."planId"
                    WHERE ps."statementId" = s.id AND pp.status = 'ACTIVE') AS "isInPlan",
           (SELECT a."accountNumber" FROM "account" a WHERE a.id = e."accountId") AS "accountNumber",
           (SELECT a."practiceId" FROM "account" a WHERE a.id = e."accountId") AS "practiceId",
           (SELECT pr.name FROM "account" a JOIN "practice" pr ON pr.id = a."practiceId"
             WHERE a.id = e."accountId") AS "practiceName",
           (SELECT json_build_object('id', p.id, 'status', p.status, 'amountCents', p."amountCents",
                                     'declineCode', p."declineCode")
              FROM "payment" p
             WHERE p."idempotencyKey" = 'autopay:' || c."statementId" || ':' || c."amountDueCents") AS earlier
      FROM "autopay_charge" c
      JOIN "autopay_enrollment" e ON e.id = c."enrollmentId"
      JOIN "statement" s ON s.id = c."statementId"
     WHERE c.id = ${chargeId}`;
  if (!row) throw new Error(`no autopay charge ${chargeId}`);
  if (row.idempotencyKey !== autopayChargeKey(row.statementId, row.amountDueCents)) {
    throw new Error(`autopay charge ${chargeId}: the key built in SQL is not autopayChargeKey's`);
  }
  const facts: TChargeFacts = {
    email: row.email,
    practiceId: row.practiceId,
    practiceName: row.practiceName,
    accountNumber: row.accountNumber,
    statementNumber: row.statementNumber,
    chargeOn: row.chargeOn,
    limitCents: row.limitCents,
    locale: localeOr(row.locale),
  };
  const earlier: TEarlierPayment | null =
    typeof row.earlier === "string" ? (JSON.parse(row.earlier) as TEarlierPayment) : row.earlier;
  return {
    status: row.status,
    idempotencyKey: row.idempotencyKey,
    facts,
    enrollment: {
      id: row.enrollmentId,
      status: row.enrollmentStatus,
      accountId: row.accountId,
      userId: row.userId,
      paymentMethodId: row.paymentMethodId,
      limitCents: row.limitCents,
    },
    statement: {
      id: row.statementId,
      balanceCents: row.balanceCents,
      status: row.statementStatus,
      isInPlan: row.isInPlan,
    },
    earlier,
  };
};

/**
 * Charges one claimed autopay charge: the statement's remaining balance, with the enrolment's
 * method (payBill, payer `account`, channel AUTOPAY, key `autopay:<statementId>:<amountDue>`).
 * Over the limit by now: OVER_LIMIT and one email. Declined or failed: FAILED and one email (and
 * one text, if the patient chose it, made due with the FAILED mark), no automatic retry. Unknown outcome: left SCHEDULED with its payment, and claimed until the lease
 * ends; a later run takes the payment's answer (reconciliation finds it) or replays the key.
 */
export const chargeAutopay = async ({
  chargeId,
  gateway,
}: {
  chargeId: string;
  gateway: TGateway;
}): Promise<TAutopayOutcome> => {
  const db = await getDb();
  const charge = await loadCharge(chargeId);
  const { enrollment, statement, earlier } = charge;
  // Lets go of the claim, writing the outcome (what is not given stays as it is). A charge
  // whose payment awaits its answer keeps its claim instead: taken again at once, it would be
  // claimed over and over and the run would not end until reconciliation had the answer; after
  // the lease, a later run looks at it again.
  const settle = ({
    status,
    paymentId,
    amountCents,
    keepClaim = false,
  }: {
    status?: "PAID" | "NOTHING_OWED" | "OVER_LIMIT";
    paymentId?: string;
    amountCents?: number;
    keepClaim?: boolean;
  } = {}) =>
    db.$executeRaw`
      UPDATE "autopay_charge"
         SET "claimedUntil" = CASE WHEN ${keepClaim}::boolean THEN "claimedUntil" END, "updatedAt" = now(),
             status = COALESCE(${status ?? null}::"AutopayChargeStatus", status),
             "paymentId" = COALESCE(${paymentId ?? null}::text, "paymentId"),
             "amountCents" = COALESCE(${amountCents ?? null}::int, "amountCents")
       WHERE id = ${chargeId}`;
  if (charge.status !== "SCHEDULED") {
    await settle({});
    return "SKIPPED";
  }
  const { idempotencyKey } = charge;

  // Charged already (a run that crashed, or an outcome that was unknown): its payment is the answer.
  if (earlier?.status === "PENDING") {
    await settle({ paymentId: earlier.id, keepClaim: true });
    return "PENDING";
  }
  let failure: string | null = null;
  const amountCents = earlier?.amountCents ?? statement.balanceCents;
  if (earlier && earlier.status !== "DECLINED" && earlier.status !== "FAILED") {
    await settle({ status: "PAID", paymentId: earlier.id, amountCents: earlier.amountCents });
    return "PAID";
  }
  if (earlier) {
    failure = earlier.declineCode ?? earlier.status;
  } else {
    if (enrollment.status !== "ACTIVE") {
      // Turned off after the claim: nothing to charge; a later enrolment plans it afresh.
      await db.autopayCharge.delete({ where: { id: chargeId } });
      return "SKIPPED";
    }
    if (statement.balanceCents <= 0 || statement.status === "VOIDED" || statement.isInPlan) {
      await settle({ status: "NOTHING_OWED" });
      return "NOTHING_OWED";
    }
    if (statement.balanceCents > enrollment.limitCents) {
      await settle({ status: "OVER_LIMIT", amountCents: statement.balanceCents });
      if (charge.facts.email) await sendEmails([overLimitEmail(charge.facts, statement.balanceCents)]);
      return "OVER_LIMIT";
    }
    try {
      const paid = await payBill({
        payer: {
          kind: "account",
          accountId: enrollment.accountId,
          userId: enrollment.userId,
          email: charge.facts.email,
          actor: { kind: "system" },
        },
        channel: "AUTOPAY",
        input: {
          allocations: [{ statementId: statement.id, amount: amountCents as Cents }],
          paymentMethodId: enrollment.paymentMethodId,
          idempotencyKey,
        },
        context: SYSTEM_CONTEXT,
        gateway,
      });
      if (paid.status === "PENDING") {
        await settle({ paymentId: paid.paymentId, keepClaim: true });
        return "PENDING";
      }
      await settle({ status: "PAID", paymentId: paid.paymentId, amountCents });
      return "PAID";
    } catch (caught) {
      if (!isAppError(caught) || caught.code === "AMOUNT_EXCEEDS_BALANCE") {
        // Not an answer about this method (a database error, a balance that moved meanwhile):
        // let go; the next run tries again with the same key (a replay if it did charge).
        await settle({});
        throw caught;
      }
      failure = caught.code;
    }
  }

  // Declined or failed: no automatic retry (the patient is told to pay another way).
  const payment = await db.payment.findUnique({ where: { idempotencyKey }, select: { id: true } });
  const textId = await db.$transaction(async (tx) => {
    await tx.autopayCharge.update({
      where: { id: chargeId },
      data: {
        status: "FAILED",
        failureCode: failure,
        amountCents,
        claimedUntil: null,
        ...(payment ? { paymentId: payment.id } : {}),
      },
    });
    await recordAudit(
      {
        actor: { kind: "system" },
        action: "autopay.charge_failed",
        target: { type: "AutopayEnrollment", id: enrollment.id },
        outcome: "FAILURE",
        context: SYSTEM_CONTEXT,
        metadata: { chargeId, statementId: statement.id, amountCents, code: failure },
      },
      tx,
    );
    if (!enrollment.userId) return null;
    const practice = await tx.practice.findUniqueOrThrow({
      where: { id: charge.facts.practiceId },
      select: { name: true, timeZone: true },
    });
    return queueSmsNotice(tx, {
      userId: enrollment.userId,
      dedupeKey: `autopay-declined:${chargeId}`,
      notice: { kind: "AUTOPAY_DECLINED", accountNumber: charge.facts.accountNumber, amountCents },
      practice,
      now: getClock().now(),
    });
  });
  if (charge.facts.email) await sendEmails([autopayDeclinedEmail(mailOf(charge.facts, amountCents))]);
  if (textId) await sendSmsNow([textId]);
  return "FAILED";
};

export type TAutopayRun = TRunCounts<TAutopayOutcome> & { planned: number };

/** How many charges one run makes at once (each is mostly waiting: for the gateway, for PostgreSQL). */
export const AUTOPAY_CHARGE_CONCURRENCY = 8;

/**
 * The run (autopay.charge-due): plans the charges of new statements, then claims due charges in
 * batches and charges each until none is left, `concurrency` at a time. Each claimed charge is
 * charged once in a batch; two versions of one statement in a batch are charged one after the
 * other, never side by side; a batch ends before the next is claimed. Safe with several workers
 * at once (claims, the unique statement version) and after a crash (leases, idempotency keys).
 * `onCharged` hears of each charge as it ends, with how long it took (metrics: the benchmark).
 */
export const chargeDueAutopay = async ({
  now = getClock().now(),
  gateway = getGateway(),
  batchSize = 100,
  concurrency = AUTOPAY_CHARGE_CONCURRENCY,
  onCharged,
}: {
  now?: Date;
  gateway?: TGateway;
  batchSize?: number;
  concurrency?: number;
  onCharged?: (charge: { chargeId: string; outcome: TAutopayOutcome | "ERROR"; ms: number }) => void;
} = {}): Promise<TAutopayRun> => {
  const { planned } = await planAutopayCharges();
  return chargeClaimed({
    run: { PAID: 0, PENDING: 0, FAILED: 0, OVER_LIMIT: 0, NOTHING_OWED: 0, SKIPPED: 0, planned, errors: 0 },
    claim: async (limit) =>
      (await claimDueAutopayCharges({ now, limit })).map((c) => ({ id: c.id, group: c.statementId })),
    charge: (chargeId) => chargeAutopay({ chargeId, gateway }),
    batchSize,
    concurrency,
    name: "[autopay] charge",
    onCharged: onCharged && (({ id, outcome, ms }) => onCharged({ chargeId: id, outcome, ms })),
  });
};

const CHARGE_REMINDERS: TReminderRows = {
  table: "autopay_charge",
  parent: "autopay_enrollment",
  parentKey: "enrollmentId",
  dateColumn: "chargeOn",
  reminderDays: "autopayReminderDays",
  // A charge with a payment is under way already.
  alsoWhere: Prisma.sql`AND d."paymentId" IS NULL`,
};

/**
 * Reminder emails (autopay.send-reminders): each planned charge within the practice's
 * `autopayReminderDays` (after today) is reminded once: marked in the same UPDATE that picks it,
 * so two workers never both send it. Patients who turned reminders off are marked, not emailed;
 * an enrolment without a login (the practice's file) is reminded at the account's email. A
 * patient who chose texts for these is also texted, once per charge (lib/sms/notices.ts).
 * `batchSize` at a time (REMINDER_BATCH).
 */
export const sendAutopayReminders = async ({
  now = getClock().now(),
  batchSize,
}: { now?: Date; batchSize?: number } = {}) => {
  await planAutopayCharges();
  return sendReminders({
    rows: CHARGE_REMINDERS,
    now,
    batchSize,
    emailsFor: async (ids) => {
      const db = await getDb();
      const charges = await db.autopayCharge.findMany({ where: { id: { in: ids } }, include: CHARGE_WITH });
      return charges.flatMap((c) =>
        // A patient may turn reminders off; an enrolment without a login has no one to ask.
        emailOf(c) && (c.enrollment.user?.paymentReminders ?? true)
          ? [
              autopayReminderEmail({
                ...mailOf(factsOf(c), c.statement.balanceCents),
                methodLabel: walletMethodLabel(c.enrollment.paymentMethod, { locale: localeOf(c) }),
              }),
            ]
          : [],
      );
    },
    textsFor: async (tx, ids) => {
      const charges = await tx.autopayCharge.findMany({
        where: { id: { in: ids }, enrollment: { user: TEXTS_CHOSEN } },
        select: {
          id: true,
          chargeOn: true,
          statement: { select: { balanceCents: true } },
          enrollment: {
            select: {
              userId: true,
              account: {
                select: { accountNumber: true, practice: { select: { name: true, timeZone: true } } },
              },
            },
          },
        },
      });
      const made: string[] = [];
      for (const c of charges) {
        const id = await queueSmsNotice(tx, {
          userId: c.enrollment.userId,
          dedupeKey: `autopay-reminder:${c.id}`,
          notice: {
            kind: "AUTOPAY_REMINDER",
            accountNumber: c.enrollment.account.accountNumber,
            amountCents: c.statement.balanceCents,
            chargeOn: c.chargeOn,
          },
          practice: c.enrollment.account.practice,
          now,
        });
        if (id) made.push(id);
      }
      return made;
    },
  });
};
