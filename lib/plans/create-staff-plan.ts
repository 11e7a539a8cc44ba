import "server-only";
import type { TActingStaff } from "@/lib/audit/actor";
import type { TGateway } from "@/lib/gateway";
import { sendDueAgreementEmails } from "@/lib/plans/agreement-email-queue";
import { createPlanAs, type TCreatePlanResult } from "@/lib/plans/create-plan";
import type { TCreateStaffPlanInput } from "@/lib/plans/schemas";
import type { TRequestContext } from "@/lib/request-context";
import { log } from "@/lib/log";

/**
 * Staff (`plans.manage`, checked by the action) set up a payment plan for an account of their
 * practice, as the patient could (createPlanAs: the same rules, schedule, agreement text and
 * version, down payment and idempotency), charging a method the patient allows staff to charge,
 * and recording how the patient agreed (in person, by phone). The plan belongs to that method's
 * patient; staff are its creator and the audit row is theirs. The patient is owed the agreement
 * by email (the login of the patient whose method it charges, else the account's email), due in
 * the plan's transaction and sent here once the plan stands; a crash or an SMTP failure leaves it
 * to the sweep (lib/plans/agreement-email-queue.ts), and a replay of the same key sends nothing
 * again. Another practice's account, a method without the patient's consent, like a missing one,
 * is NOT_FOUND.
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
  if (result.isNew) {
    // The plan is committed with its email due: a failure to send now is the sweep's to retry.
    await sendDueAgreementEmails({ planId: result.planId, context }).catch((error: unknown) =>
      log.warn({ err: error }, `[plans] the agreement email of plan ${result.planId} waits for the sweep`),
    );
  }
  return result;
};
