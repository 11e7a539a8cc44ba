import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import { PROFILE_VALUE_MESSAGES } from "@/lib/profile/messages";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Removes one of the patient's account links. Every patient page, query and action scopes by
 * the links (`account.links.some.userId`, and the same EXISTS in the payment SQL), so the
 * account's statements, payments and receipts are out of reach from the next request on.
 * Payments already made are not touched. Someone else's link is the same NOT_FOUND as a
 * missing one. A payment plan or autopay this patient runs on the account must be cancelled
 * first: it would go on charging for an account they could no longer see.
 */
export const unlinkAccount = async ({
  actor,
  linkId,
  context,
}: {
  actor: TActor;
  linkId: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const link = await db.accountLink.findFirst({
    where: { id: linkId, userId: actor.userId },
    select: { accountId: true, account: { select: { accountNumber: true } } },
  });
  if (!link) throw notFoundError("account link");
  const [plans, autopay] = await Promise.all([
    db.paymentPlan.count({ where: { accountId: link.accountId, userId: actor.userId, status: "ACTIVE" } }),
    db.autopayEnrollment.count({
      where: { accountId: link.accountId, userId: actor.userId, status: "ACTIVE" },
    }),
  ]);
  if (plans > 0 || autopay > 0) {
    const message =
      plans > 0 && autopay > 0
        ? PROFILE_VALUE_MESSAGES.unlinkHasPlanAndAutopay
        : plans > 0
          ? PROFILE_VALUE_MESSAGES.unlinkHasPlan
          : PROFILE_VALUE_MESSAGES.unlinkHasAutopay;
    throw new AppError("FORBIDDEN", { userMessage: message(link.account.accountNumber) });
  }
  // Conditional on the owner again: of two simultaneous unlinks one wins, the other is NOT_FOUND.
  const { count } = await db.accountLink.deleteMany({ where: { id: linkId, userId: actor.userId } });
  if (count === 0) throw notFoundError("account link");
  const remaining = await db.accountLink.count({ where: { userId: actor.userId } });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "account.unlink",
    target: { type: "Account", id: link.accountId },
    context,
    metadata: { accountNumber: link.account.accountNumber, remainingLinks: remaining },
  });
  return { accountNumber: link.account.accountNumber, remainingLinks: remaining };
};
