import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findStatementByProof, type TStatementProof } from "@/lib/guest/find-statement";
import type { TRequestContext } from "@/lib/request-context";
import type { TActor } from "@/lib/auth/session";
import { lookupFailureError } from "@/lib/guest/lookup-errors";

/** Links the account of a statement to the patient's login, proven by statement number + DOB or ZIP. */
export const linkAccount = async ({
  actor,
  proof,
  context,
}: {
  actor: TActor;
  proof: TStatementProof;
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
  if (existing)
    throw new AppError("ALREADY_LINKED", { userMessage: "That account is already linked to your login." });
  await db.accountLink.create({ data: { userId: actor.userId, accountId: found.accountId } });
  return { accountId: found.accountId };
};
