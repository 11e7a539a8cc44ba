import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { sendEmails, type TEmail } from "@/lib/email/send-email";
import { AppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import { leaseUntil, practiceToday, systemContext } from "@/lib/jobs/claims";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { autopayDeclinedEmail, autopayOverLimitEmail, autopayReminderEmail } from "@/lib/autopay/emails";
import { walletMethodLabel } from "@/lib/wallet/format";

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
      user: { select: { email: true, paymentReminders: true } },
      paymentMethod: true,
      account: { select: { id: true, accountNumber: true, practice: { select: { name: true } } } },
    },
  },
} as const;

type TLoadedCharge = Prisma.AutopayChargeGetPayload<{ include: typeof CHARGE_WITH }>;

const mailOf = (c: TLoadedCharge, amountCents: number) => ({
  to: c.enrollment.user?.email ?? "",
  practiceName: c.enrollment.account.practice.name,
  accountNumber: c.enrollment.account.accountNumber,
  statementNumber: c.statement.statementNumber,
  amountCents,
  chargeOn: c.chargeOn,
});

const overLimitEmails = (charges: TLoadedCharge[]): TEmail[] =>
  charges.flatMap((c) =>
    c.enrollment.user?.email
      ? [autopayOverLimitEmail({ ...mailOf(c, c.amountCents ?? 0), limitCents: c.enrollment.limitCents })]
      : [],
  );

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
    await sendEmails(overLimitEmails(charges));
  }
  return { planned: inserted.length, overLimit: overLimit.length };
};

/**
 * Claims up to `limit` charges due (their day is today or earlier in the practice's zone) and not
 * held by another worker: FOR UPDATE SKIP LOCKED, then a lease. A charge whose payment is still
 * processing is picked again until it has its answer, even if autopay was turned off meanwhile.
 */
export const claimDueAutopayCharges = async ({ now, limit }: { now: Date; limit: number }) => {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
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
        ORDER BY d."chargeOn", d.id
        LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED)
    RETURNING c.id`;
  return rows.map((r) => r.id);
};

export type TAutopayOutcome = "PAID" | "PENDING" | "FAILED" | "OVER_LIMIT" | "NOTHING_OWED" | "SKIPPED";

/**
 * Charges one claimed autopay charge: the statement's remaining balance, with the enrolment's
 * method (payBill, payer `account`, channel AUTOPAY, key `autopay:<statementId>:<amountDue>`).
 * Over the limit by now: OVER_LIMIT and one email. Declined or failed: FAILED and one email, no
 * automatic retry. Unknown outcome: left SCHEDULED with its payment; the next run replays the key.
 */
export const chargeAutopay = async ({
  chargeId,
  gateway,
}: {
  chargeId: string;
  gateway: TGateway;
}): Promise<TAutopayOutcome> => {
  const db = await getDb();
  const charge = await db.autopayCharge.findUniqueOrThrow({ where: { id: chargeId }, include: CHARGE_WITH });
  const { enrollment, statement } = charge;
  const settle = (data: Prisma.AutopayChargeUncheckedUpdateInput) =>
    db.autopayCharge.update({ where: { id: chargeId }, data: { ...data, claimedUntil: null } });
  if (charge.status !== "SCHEDULED") {
    await settle({});
    return "SKIPPED";
  }
  const idempotencyKey = autopayChargeKey(statement.id, charge.amountDueCents);

  // Charged already (a run that crashed, or an outcome that was unknown): its payment is the answer.
  const earlier = await db.payment.findUnique({
    where: { idempotencyKey },
    select: { id: true, status: true, amountCents: true, declineCode: true },
  });
  if (earlier?.status === "PENDING") {
    await settle({ paymentId: earlier.id });
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
    const inPlan = await db.paymentPlanStatement.count({
      where: { statementId: statement.id, plan: { status: "ACTIVE" } },
    });
    if (statement.balanceCents <= 0 || statement.status === "VOIDED" || inPlan > 0) {
      await settle({ status: "NOTHING_OWED" });
      return "NOTHING_OWED";
    }
    if (statement.balanceCents > enrollment.limitCents) {
      await settle({ status: "OVER_LIMIT", amountCents: statement.balanceCents });
      if (enrollment.user?.email) {
        await sendEmails(overLimitEmails([{ ...charge, amountCents: statement.balanceCents }]));
      }
      return "OVER_LIMIT";
    }
    try {
      const paid = await payBill({
        payer: {
          kind: "account",
          accountId: enrollment.accountId,
          userId: enrollment.userId,
          email: enrollment.user?.email ?? null,
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
        await settle({ paymentId: paid.paymentId });
        return "PENDING";
      }
      await settle({ status: "PAID", paymentId: paid.paymentId, amountCents });
      return "PAID";
    } catch (caught) {
      if (!(caught instanceof AppError) || caught.code === "AMOUNT_EXCEEDS_BALANCE") {
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
  await db.$transaction(async (tx) => {
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
  });
  if (enrollment.user?.email) await sendEmails([autopayDeclinedEmail(mailOf(charge, amountCents))]);
  return "FAILED";
};

export type TAutopayRun = Record<TAutopayOutcome, number> & { planned: number; errors: number };

/**
 * The run (autopay.charge-due): plans the charges of new statements, then claims due charges in
 * batches and charges each until none is left. Safe with several workers at once (claims, the
 * unique statement version) and after a crash (leases, idempotency keys).
 */
export const chargeDueAutopay = async ({
  now = getClock().now(),
  gateway = getGateway(),
  batchSize = 20,
}: { now?: Date; gateway?: TGateway; batchSize?: number } = {}): Promise<TAutopayRun> => {
  const { planned } = await planAutopayCharges();
  const run: TAutopayRun = {
    PAID: 0,
    PENDING: 0,
    FAILED: 0,
    OVER_LIMIT: 0,
    NOTHING_OWED: 0,
    SKIPPED: 0,
    planned,
    errors: 0,
  };
  for (;;) {
    const ids = await claimDueAutopayCharges({ now, limit: batchSize });
    if (ids.length === 0) return run;
    for (const chargeId of ids) {
      try {
        run[await chargeAutopay({ chargeId, gateway })] += 1;
      } catch (error) {
        run.errors += 1;
        console.error(`[autopay] charge ${chargeId}: ${(error as Error).message}`);
      }
    }
    // A charge that failed this run is held by its lease: no loop.
    if (run.errors > 0 && ids.length < batchSize) return run;
  }
};

/**
 * Reminder emails (autopay.send-reminders): each planned charge within the practice's
 * `autopayReminderDays` (after today) is reminded once: marked in the same UPDATE that picks it,
 * so two workers never both send it. Patients who turned reminders off are marked, not emailed.
 */
export const sendAutopayReminders = async ({ now = getClock().now() }: { now?: Date } = {}) => {
  await planAutopayCharges();
  const db = await getDb();
  const picked = await db.$queryRaw<{ id: string }[]>`
    UPDATE "autopay_charge" c
       SET "remindedOn" = ${practiceToday(now)}, "updatedAt" = now()
      FROM "autopay_enrollment" e, "account" a, "practice" pr
     WHERE e.id = c."enrollmentId" AND a.id = e."accountId" AND pr.id = a."practiceId"
       AND e.status = 'ACTIVE' AND c.status = 'SCHEDULED' AND c."remindedOn" IS NULL AND c."paymentId" IS NULL
       AND c."chargeOn" > ${practiceToday(now)}
       AND c."chargeOn" <= ${practiceToday(now)} + pr."autopayReminderDays"
    RETURNING c.id`;
  if (picked.length === 0) return { reminded: 0 };
  const charges = await db.autopayCharge.findMany({
    where: { id: { in: picked.map((p) => p.id) } },
    include: CHARGE_WITH,
  });
  const emails: TEmail[] = charges.flatMap((c) =>
    c.enrollment.user?.email && c.enrollment.user.paymentReminders
      ? [
          autopayReminderEmail({
            ...mailOf(c, c.statement.balanceCents),
            methodLabel: walletMethodLabel(c.enrollment.paymentMethod),
          }),
        ]
      : [],
  );
  await sendEmails(emails);
  return { reminded: emails.length };
};
