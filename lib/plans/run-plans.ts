import "server-only";
import { emitPlanEvent } from "@/lib/events/plan-and-autopay-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { getClock } from "@/lib/clock";
import { addDays, todayInZone } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { chargeClaimed, type TRunCounts } from "@/lib/charge-runs/charge-loop";
import { leaseUntil, practiceToday, systemContext } from "@/lib/charge-runs/claims";
import { sendReminders, type TReminderRows } from "@/lib/charge-runs/reminders";
import { sendEmails } from "@/lib/email/send-email";
import { AppError, isAppError } from "@/lib/errors";
import { getGateway, type TGateway } from "@/lib/gateway";
import { payBill } from "@/lib/payments/pay-bill";
import { allocateOverStatements } from "@/lib/plans/allocate";
import { declinedEmail, reminderEmail } from "@/lib/plans/emails";
import { localeOr } from "@/lib/locale";
import { resolvePlanPolicy } from "@/lib/plans/schedule";
import { walletMethodLabel } from "@/lib/method-label";
import { queueSmsNotice, TEXTS_CHOSEN } from "@/lib/sms/notices";
import { sendSmsNow } from "@/lib/sms/sender";

const SYSTEM_CONTEXT = systemContext("plans.charge-due");

/** The idempotency key of an installment's nth charge: a retried job or a crash replays it, never charges again. */
export const installmentChargeKey = (installmentId: string, attempt: number) =>
  `plan:${installmentId}:${attempt}`;

/**
 * Claims up to `limit` installments that are due (scheduled for today or earlier in the
 * practice's zone, or declined and due for their retry) on active plans, and not held by
 * another worker: FOR UPDATE SKIP LOCKED, then a lease. Several workers never take the same one.
 */
export const claimDueInstallments = async ({ now, limit }: { now: Date; limit: number }) => {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "installment" i
       SET "claimedUntil" = ${leaseUntil(now)}, "updatedAt" = now()
     WHERE i.id IN (
       SELECT d.id FROM "installment" d
         JOIN "payment_plan" p ON p.id = d."planId"
         JOIN "account" a ON a.id = p."accountId"
         JOIN "practice" pr ON pr.id = a."practiceId"
        WHERE p.status = 'ACTIVE'
          AND (d."claimedUntil" IS NULL OR d."claimedUntil" < ${now})
          AND ((d.status = 'SCHEDULED' AND d."dueDate" <= ${practiceToday(now)})
            OR (d.status = 'FAILED' AND d."nextAttemptOn" <= ${practiceToday(now)}))
        ORDER BY d."dueDate", d.id
        LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED)
    RETURNING i.id`;
  return rows.map((r) => r.id);
};

const OUTSTANDING = ["SCHEDULED", "FAILED"] as const;

/** A plan with nothing outstanding left is complete. */
const completeIfDone = async (tx: Prisma.TransactionClient, planId: string) => {
  const left = await tx.installment.count({ where: { planId, status: { in: [...OUTSTANDING] } } });
  if (left === 0) {
    const { count } = await tx.paymentPlan.updateMany({
      where: { id: planId, status: "ACTIVE" },
      data: { status: "COMPLETED" },
    });
    if (count === 1) await emitPlanEvent(tx, { planId, type: "plan.completed" });
  }
};

export type TChargeOutcome = "PAID" | "PENDING" | "FAILED" | "DEFAULTED" | "NOTHING_OWED" | "SKIPPED";

/**
 * Charges one claimed installment with its plan's saved method (payBill, channel PLAN, key
 * `plan:<installmentId>:<attempt>`). Approved: PAID (the receipt email follows from the approval).
 * Declined or failed: FAILED, retried `retryAfterDays` after its due date, the patient emailed
 * (and texted, if they chose it: once per attempt, made due with the FAILED mark);
 * after the last retry the plan is DEFAULTED. Unknown outcome: left as it is with the payment
 * linked; the next run replays the same key and gets the settled answer.
 */
export const chargeInstallment = async ({
  installmentId,
  now,
  gateway,
}: {
  installmentId: string;
  now: Date;
  gateway: TGateway;
}): Promise<TChargeOutcome> => {
  const db = await getDb();
  const installment = await db.installment.findUniqueOrThrow({
    where: { id: installmentId },
    include: {
      plan: {
        include: {
          user: { select: { email: true, locale: true } },
          account: {
            select: { accountNumber: true, practice: { select: { id: true, name: true, timeZone: true } } },
          },
          statements: {
            select: {
              statement: { select: { id: true, statementDate: true, balanceCents: true, status: true } },
            },
          },
        },
      },
    },
  });
  const { plan } = installment;
  const release = (data: Prisma.InstallmentUpdateInput = {}) =>
    db.installment.update({ where: { id: installmentId }, data: { ...data, claimedUntil: null } });
  // A payment awaiting its answer: the installment keeps its claim until the lease ends (let go,
  // it would be claimed again at once, over and over, and the run would not end); a later run
  // takes the payment's answer, which reconciliation finds.
  const holdFor = (paymentId: string) =>
    db.installment.update({
      where: { id: installmentId },
      data: { payment: { connect: { id: paymentId } } },
    });
  if (plan.status !== "ACTIVE" || !(OUTSTANDING as readonly string[]).includes(installment.status)) {
    await release();
    return "SKIPPED";
  }
  const attempt = installment.attempts + 1;
  const idempotencyKey = installmentChargeKey(installmentId, attempt);
  const markPaid = async (paymentId: string, amountCents: number) => {
    await db.$transaction(async (tx) => {
      await tx.installment.update({
        where: { id: installmentId },
        data: {
          status: "PAID",
          attempts: attempt,
          amountCents,
          nextAttemptOn: null,
          claimedUntil: null,
          paymentId,
        },
      });
      await completeIfDone(tx, plan.id);
    });
    return "PAID" as const;
  };

  // This attempt was charged already (a run that crashed, or an outcome that was unknown):
  // its payment is the answer, whatever the balances say now.
  const earlier = await db.payment.findUnique({
    where: { idempotencyKey },
    select: { id: true, status: true, amountCents: true },
  });
  let error: { code: string } | null = null;
  let amountCents = earlier?.amountCents ?? 0;
  if (earlier?.status === "PENDING") {
    await holdFor(earlier.id);
    return "PENDING";
  }
  if (earlier && earlier.status !== "DECLINED" && earlier.status !== "FAILED") {
    return markPaid(earlier.id, earlier.amountCents);
  }
  if (earlier) error = { code: earlier.status };

  const statements = plan.statements.map((s) => s.statement).filter((s) => s.status !== "VOIDED");
  const allocations = allocateOverStatements(statements, installment.amountCents);
  if (!earlier) amountCents = allocations.reduce((s, a) => s + a.amount, 0);
  if (!earlier && amountCents === 0) {
    // The statements were paid another way: nothing is owed for this installment.
    await db.$transaction(async (tx) => {
      await tx.installment.update({
        where: { id: installmentId },
        data: { status: "CANCELLED", claimedUntil: null, nextAttemptOn: null },
      });
      await completeIfDone(tx, plan.id);
    });
    return "NOTHING_OWED";
  }
  try {
    if (error) throw new AppError("CARD_DECLINED", { userMessage: "declined earlier" });
    const paid = await payBill({
      payer: {
        kind: "account",
        accountId: plan.accountId,
        userId: plan.userId,
        email: plan.user?.email ?? null,
        actor: { kind: "system" },
      },
      channel: "PLAN",
      input: { allocations, paymentMethodId: plan.paymentMethodId, idempotencyKey },
      context: SYSTEM_CONTEXT,
      gateway,
    });
    if (paid.status === "PENDING") {
      await holdFor(paid.paymentId);
      return "PENDING";
    }
    return await markPaid(paid.paymentId, amountCents);
  } catch (caught) {
    if (!isAppError(caught) || caught.code === "AMOUNT_EXCEEDS_BALANCE") {
      // Not an answer about this method (a database error, a balance that moved meanwhile):
      // let go, and the next run tries the same attempt again (same key: a replay if it charged).
      await release();
      throw caught;
    }
    error ??= caught;
  }

  // Declined, failed, or the method can no longer be charged: one attempt spent.
  const policy = resolvePlanPolicy();
  const retryDays = policy.retryAfterDays[attempt - 1];
  const retryOn = retryDays === undefined ? null : addDays(installment.dueDate, retryDays);
  const payment = await db.payment.findUnique({ where: { idempotencyKey }, select: { id: true } });
  const textId = await db.$transaction(async (tx) => {
    await tx.installment.update({
      where: { id: installmentId },
      data: {
        status: "FAILED",
        attempts: attempt,
        nextAttemptOn: retryOn,
        claimedUntil: null,
        ...(payment ? { paymentId: payment.id } : {}),
      },
    });
    if (!retryOn) {
      await tx.paymentPlan.update({
        where: { id: plan.id },
        data: { status: "DEFAULTED", defaultedAt: now },
      });
      await emitPlanEvent(tx, { planId: plan.id, type: "plan.defaulted" });
    }
    await recordAudit(
      {
        actor: { kind: "system" },
        action: retryOn ? "plan.installment_failed" : "plan.defaulted",
        target: { type: "PaymentPlan", id: plan.id },
        outcome: "FAILURE",
        context: SYSTEM_CONTEXT,
        metadata: {
          installmentId,
          attempt,
          code: error.code,
          retryOn: retryOn?.toISOString().slice(0, 10) ?? null,
        },
      },
      tx,
    );
    return queueSmsNotice(tx, {
      userId: plan.userId,
      dedupeKey: `plan-declined:${installmentId}:${attempt}`,
      notice: { kind: "PLAN_DECLINED", accountNumber: plan.account.accountNumber, amountCents, retryOn },
      practice: plan.account.practice,
      now,
    });
  });
  if (plan.user?.email) {
    await sendEmails([
      declinedEmail({
        to: plan.user.email,
        practiceId: plan.account.practice.id,
        practiceName: plan.account.practice.name,
        accountNumber: plan.account.accountNumber,
        amountCents,
        dueDate: installment.dueDate,
        retryOn,
        locale: localeOr(plan.user.locale),
      }),
    ]);
  }
  if (textId) await sendSmsNow([textId]);
  return retryOn ? "FAILED" : "DEFAULTED";
};

export type TPlanRun = TRunCounts<TChargeOutcome>;

/**
 * The daily run (plans.charge-due): claims due installments in batches and charges each, until
 * none is left. Safe with several workers at once (claims) and after a crash (leases, keys).
 */
export const chargeDueInstallments = async ({
  now = getClock().now(),
  gateway = getGateway(),
  batchSize = 20,
}: { now?: Date; gateway?: TGateway; batchSize?: number } = {}): Promise<TPlanRun> =>
  chargeClaimed({
    run: { PAID: 0, PENDING: 0, FAILED: 0, DEFAULTED: 0, NOTHING_OWED: 0, SKIPPED: 0, errors: 0 },
    // Each installment is charged on its own, one after the other.
    claim: async (limit) => (await claimDueInstallments({ now, limit })).map((id) => ({ id, group: id })),
    charge: (installmentId) => chargeInstallment({ installmentId, now, gateway }),
    batchSize,
    name: "[plans] installment",
  });

const INSTALLMENT_REMINDERS: TReminderRows = {
  table: "installment",
  parent: "payment_plan",
  parentKey: "planId",
  dateColumn: "dueDate",
  reminderDays: "planReminderDays",
};

/**
 * Reminder emails (plans.send-reminders): each scheduled installment of an active plan due within
 * the practice's `planReminderDays` (after today) is reminded once: the row is marked in the same
 * UPDATE that picks it, so two workers never both send it. Patients who turned reminders off are
 * marked but not emailed. A patient who chose texts for these is also texted (made due in the
 * marking transaction, once per installment: lib/sms/notices.ts). `batchSize` at a time (as
 * autopay's reminders).
 */
export const sendPlanReminders = async ({
  now = getClock().now(),
  batchSize,
}: { now?: Date; batchSize?: number } = {}) =>
  sendReminders({
    rows: INSTALLMENT_REMINDERS,
    now,
    batchSize,
    emailsFor: async (ids) => {
      const db = await getDb();
      const installments = await db.installment.findMany({
        where: { id: { in: ids } },
        include: {
          plan: {
            include: {
              user: { select: { email: true, paymentReminders: true, locale: true } },
              paymentMethod: true,
              account: { select: { accountNumber: true, practice: { select: { id: true, name: true } } } },
            },
          },
        },
      });
      return installments.flatMap(({ plan, amountCents, dueDate }) =>
        plan.user?.email && plan.user.paymentReminders
          ? [
              reminderEmail({
                to: plan.user.email,
                practiceId: plan.account.practice.id,
                practiceName: plan.account.practice.name,
                accountNumber: plan.account.accountNumber,
                amountCents,
                dueDate,
                methodLabel: walletMethodLabel(plan.paymentMethod, { locale: localeOr(plan.user.locale) }),
                locale: localeOr(plan.user.locale),
              }),
            ]
          : [],
      );
    },
    textsFor: async (tx, ids) => {
      const installments = await tx.installment.findMany({
        where: { id: { in: ids }, plan: { user: TEXTS_CHOSEN } },
        select: {
          id: true,
          amountCents: true,
          dueDate: true,
          plan: {
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
      for (const i of installments) {
        const id = await queueSmsNotice(tx, {
          userId: i.plan.userId,
          dedupeKey: `plan-reminder:${i.id}`,
          notice: {
            kind: "PLAN_REMINDER",
            accountNumber: i.plan.account.accountNumber,
            amountCents: i.amountCents,
            dueDate: i.dueDate,
          },
          practice: i.plan.account.practice,
          now,
        });
        if (id) made.push(id);
      }
      return made;
    },
  });

/** Today in a zone from the domain clock (pages and use cases). */
export const planToday = (timeZone: string) => todayInZone(timeZone, getClock().now());
