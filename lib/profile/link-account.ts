import "server-only";
import { PROFILE_ERRORS } from "@/lib/profile/messages";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { TActor } from "@/lib/auth/session";
import { findStatementByProof } from "@/lib/guest/find-statement";
import { lookupFailureError } from "@/lib/guest/lookup-errors";
import type { TRequestContext } from "@/lib/request-context";
import type { TLinkAccountInput } from "@/lib/profile/schemas";

const alreadyLinked = () => new AppError("ALREADY_LINKED", { userMessage: PROFILE_ERRORS.alreadyLinked });

/**
 * Links the account of a statement to the patient's login, proven by the statement number and
 * the patient's date of birth. The proof goes through the guest lookup's checks: the same
 * answer for every kind of wrong data, and the same lockouts (five failures for one statement
 * number or from one IP in 15 minutes lock further tries for 15 minutes), audited as
 * `account.link`.
 */
export const linkAccount = async ({
  actor,
  proof,
  context,
}: {
  actor: TActor;
  proof: TLinkAccountInput;
  context: TRequestContext;
}) => {
  const found = await findStatementByProof({
    proof,
    context,
    purpose: "account_link",
    actor: { userId: actor.userId, email: actor.email },
  });
  if (!found.ok) throw lookupFailureError(found);
  const db = await getDb();
  const existing = await db.accountLink.findUnique({
    where: { userId_accountId: { userId: actor.userId, accountId: found.accountId } },
  });
  if (existing) throw alreadyLinked();
  try {
    await db.accountLink.create({ data: { userId: actor.userId, accountId: found.accountId } });
  } catch (error) {
    // A double submit: the other request linked it a moment ago.
    if (isUniqueViolation(error)) throw alreadyLinked();
    throw error;
  }
  const account = await db.account.findUniqueOrThrow({
    where: { id: found.accountId },
    select: { accountNumber: true },
  });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "account.linked",
    target: { type: "Account", id: found.accountId },
    context,
    metadata: { accountNumber: account.accountNumber },
  });
  return { accountId: found.accountId, accountNumber: account.accountNumber };
};
