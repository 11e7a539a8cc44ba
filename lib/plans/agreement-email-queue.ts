import "server-only";
import type { TAuditActor } from "@/lib/audit/record";
import { recordAudit } from "@/lib/audit/record";
import { formatInstant } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { claimDueRows, drainRuns } from "@/lib/email/due-queue";
import { sendEmail } from "@/lib/email/send-email";
import { DEFAULT_LOCALE, INTL_LOCALES } from "@/lib/locale";
import { planAgreementLocale } from "@/lib/plans/agreement";
import { agreementEmail } from "@/lib/plans/emails";
import type { TRequestContext } from "@/lib/request-context";

/**
 * The agreement email of a plan staff set up (in person or by phone) is a queue like the
 * receipts' (lib/receipts/receipt-email-queue.ts): createPlanAs makes it due in the plan's own
 * transaction, five minutes on (the creating request sends it at once, after the down payment;
 * a plan whose down payment fails is deleted, and its email with it); the sweep
 * `plans.send-agreements` sends whatever a crash or an SMTP failure left due.
 */

/** How many due agreements one sweep run claims at once. */
const BATCH = 50;

/**
 * Who gets a plan's agreement: the login of the patient whose method it charges, else the
 * account's email; null when there is neither (staff give the patient a printed copy).
 */
export const agreementRecipient = (plan: {
  user: { email: string } | null;
  account: { email: string | null };
}) => plan.user?.email ?? plan.account.email ?? null;

const planSelect = {
  id: true,
  agreementText: true,
  agreementVersion: true,
  agreedVia: true,
  agreedAt: true,
  createdAt: true,
  agreementEmailDueAt: true,
  user: { select: { email: true } },
  createdByUserId: true,
  account: {
    select: {
      accountNumber: true,
      email: true,
      practice: { select: { id: true, name: true, timeZone: true } },
    },
  },
} as const;

export type TAgreementEmailRun = { claimed: number; sent: number; noAddress: number; failed: number };

/**
 * Sends due agreement emails: `planId`, that plan's (due or not yet: the creating request, right
 * after its down payment); else up to `limit` whose time has come. Each is claimed with a
 * five-minute lease (FOR UPDATE SKIP LOCKED: two senders never take the same one), sent, then
 * cleared and audited as the staff member who set the plan up. No address: cleared, audited as
 * such. An SMTP failure leaves it due again when the lease ends, for a day; then it is given up
 * (audited as failed).
 */
export const sendDueAgreementEmails = async ({
  planId,
  context,
  limit = BATCH,
}: { planId?: string; context?: TRequestContext; limit?: number } = {}): Promise<TAgreementEmailRun> => {
  const db = await getDb();
  const claimed = await claimDueRows({
    table: "payment_plan",
    column: "agreementEmailDueAt",
    limit,
    ...(planId ? { id: planId } : {}),
  });
  const run: TAgreementEmailRun = { claimed: claimed.length, sent: 0, noAddress: 0, failed: 0 };
  if (claimed.length === 0) return run;
  const plans = await db.paymentPlan.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    select: planSelect,
  });
  const creators = await db.user.findMany({
    where: { id: { in: plans.flatMap((p) => (p.createdByUserId ? [p.createdByUserId] : [])) } },
    select: { id: true, role: true, email: true },
  });
  for (const plan of plans) {
    const creator = creators.find((u) => u.id === plan.createdByUserId);
    const to = agreementRecipient(plan);
    // Written in the language of the text agreed to (its version says which), so that what
    // surrounds the quoted agreement is in the same language as the agreement itself.
    const locale = planAgreementLocale(plan.agreementVersion) ?? DEFAULT_LOCALE;
    const status =
      to && plan.agreedVia !== "ONLINE"
        ? await sendEmail(
            agreementEmail({
              to,
              practiceId: plan.account.practice.id,
              practiceName: plan.account.practice.name,
              accountNumber: plan.account.accountNumber,
              agreedVia: plan.agreedVia,
              agreedOn: formatInstant(plan.agreedAt, plan.account.practice.timeZone, INTL_LOCALES[locale]),
              agreementVersion: plan.agreementVersion,
              agreementText: plan.agreementText,
              hasLogin: Boolean(plan.user),
              locale,
            }),
          )
        : null;
    if (status === "FAILED") {
      run.failed++;
      // Due again when the lease ends, for a day after the plan was set up.
      if (plan.createdAt.getTime() > Date.now() - 24 * 60 * 60_000) continue;
    } else if (status) run.sent++;
    else run.noAddress++;
    await db.paymentPlan.update({ where: { id: plan.id }, data: { agreementEmailDueAt: null } });
    const actor: TAuditActor = creator
      ? { kind: "user", userId: creator.id, role: creator.role, label: creator.email }
      : { kind: "system", label: "plans.send-agreements" };
    await recordAudit({
      actor,
      action: "plan.agreement_emailed",
      target: { type: "PaymentPlan", id: plan.id },
      outcome: status && status !== "FAILED" ? "SUCCESS" : "FAILURE",
      ...(context ? { context } : {}),
      metadata: { to, status: status ?? "NO_ADDRESS" },
    });
  }
  return run;
};

/** Runs the sender until nothing is due (the sweep, and tests). */
export const drainAgreementEmails = () => drainRuns(() => sendDueAgreementEmails(), BATCH);
