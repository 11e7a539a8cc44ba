import "server-only";
import type { TActingStaff } from "@/lib/audit/actor";
import { auditActorOf } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { formatInstant } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import type { TGateway } from "@/lib/gateway";
import { createPlanAs, type TCreatePlanResult } from "@/lib/plans/create-plan";
import { agreementEmail } from "@/lib/plans/emails";
import type { TCreateStaffPlanInput } from "@/lib/plans/schemas";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Emails the patient the agreement of the plan staff just set up: to the login of the patient
 * whose method it charges, else the account's email; with neither, no email (the audit row says
 * so). Through the portal's mail path (SMTP, or the outbox without it).
 */
const emailAgreement = async ({
  planId,
  actor,
  context,
}: {
  planId: string;
  actor: TActingStaff;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const plan = await db.paymentPlan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      agreementText: true,
      agreementVersion: true,
      agreedVia: true,
      agreedAt: true,
      user: { select: { email: true } },
      account: {
        select: { accountNumber: true, email: true, practice: { select: { name: true, timeZone: true } } },
      },
    },
  });
  const to = plan.user?.email ?? plan.account.email;
  const status =
    to && plan.agreedVia !== "ONLINE"
      ? await sendEmail(
          agreementEmail({
            to,
            practiceName: plan.account.practice.name,
            accountNumber: plan.account.accountNumber,
            agreedVia: plan.agreedVia,
            agreedOn: formatInstant(plan.agreedAt, plan.account.practice.timeZone),
            agreementVersion: plan.agreementVersion,
            agreementText: plan.agreementText,
            hasLogin: Boolean(plan.user),
          }),
        )
      : null;
  await recordAudit({
    actor: auditActorOf(actor),
    action: "plan.agreement_emailed",
    target: { type: "PaymentPlan", id: planId },
    outcome: status && status !== "FAILED" ? "SUCCESS" : "FAILURE",
    context,
    metadata: { to: to ?? null, status: status ?? "NO_ADDRESS" },
  });
};

/**
 * Staff (`plans.manage`, checked by the action) set up a payment plan for an account of their
 * practice, as the patient could (createPlanAs: the same rules, schedule, agreement text and
 * version, down payment and idempotency), charging a method the patient allows staff to charge,
 * and recording how the patient agreed (in person, by phone). The plan belongs to that method's
 * patient; staff are its creator and the audit row is theirs. The patient is emailed the
 * agreement once (a replay of the same key sends nothing again). Another practice's account, a
 * method without the patient's consent, like a missing one, is NOT_FOUND.
 */
export const createStaffPlan = async ({
  actor,
  input,
  context,
  gateway,
}: {
  actor: TActingStaff;
  input: TCreateStaffPlanInput;
  context: TRequestContext;
  gateway?: TGateway;
}): Promise<TCreatePlanResult> => {
  const { accountId, agreedVia, ...terms } = input;
  const result = await createPlanAs({
    creator: { kind: "staff", actor, accountId, agreedVia },
    input: terms,
    context,
    ...(gateway ? { gateway } : {}),
  });
  if (result.isNew) await emailAgreement({ planId: result.planId, actor, context });
  return result;
};
