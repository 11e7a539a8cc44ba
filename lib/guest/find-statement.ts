import "server-only";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { beginAttempt, endAttempt, lockedUntil, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";

export type TStatementProof = { statementNumber: string } & (
  { dob: Date; zip?: never } | { zip: string; dob?: never }
);

export type TFindStatementResult =
  | { ok: true; statementId: string; accountId: string }
  | { ok: false; reason: "NO_MATCH" | "LOCKED"; lockedUntil?: Date };

export const normalizeStatementNumber = (value: string) => value.trim().toUpperCase();

/**
 * Finds a statement from what is printed on it plus something only the patient knows. A wrong
 * number, DOB or ZIP all give the same NO_MATCH. Five failures for one statement number, or
 * from one client IP, within 15 minutes lock further tries for 15 minutes. Used by the guest
 * lookup and by account linking (`purpose`), each with its own audit action.
 */
export const findStatementByProof = async ({
  proof,
  context,
  purpose,
  actor,
}: {
  proof: TStatementProof;
  context: TRequestContext;
  purpose: "guest_lookup" | "account_link";
  actor?: { userId: string; email: string };
}): Promise<TFindStatementResult> => {
  const statementNumber = normalizeStatementNumber(proof.statementNumber);
  const keys: TLockKey[] = [{ bucket: "lookup:statement", key: statementNumber }];
  if (context.ip) keys.push({ bucket: "lookup:ip", key: context.ip });
  const audit = (outcome: "SUCCESS" | "FAILURE", metadata: Record<string, string>, statementId?: string) =>
    recordAudit({
      actor: actor
        ? { kind: "user", userId: actor.userId, role: "PATIENT", label: actor.email }
        : { kind: "guest", label: statementNumber },
      action: purpose === "guest_lookup" ? "guest.lookup" : "account.link",
      outcome,
      target: statementId ? { type: "Statement", id: statementId } : undefined,
      context,
      metadata: { statementNumber, method: proof.dob ? "dob" : "zip", ...metadata },
    });

  // Counted before the proof is compared, so a burst of guesses gets no more comparisons than
  // the limit; refusals are counted on the lock, not audited one by one (lib/rate-limit).
  const begun = await beginAttempt(keys);
  if (!begun.ok)
    return { ok: false, reason: "LOCKED", ...(begun.lockedUntil ? { lockedUntil: begun.lockedUntil } : {}) };
  const db = await getDb();
  const statement = await db.statement.findUnique({
    where: { statementNumber },
    select: {
      id: true,
      accountId: true,
      patientDob: true,
      recipientZip: true,
      status: true,
      account: { select: { zip: true } },
    },
  });
  const isMatch =
    statement !== null &&
    statement.status !== "VOIDED" &&
    (proof.dob
      ? statement.patientDob.getTime() === proof.dob.getTime()
      : [statement.recipientZip, statement.account.zip].some(
          (z) => z && z.slice(0, 5) === proof.zip!.trim().slice(0, 5),
        ));
  if (!isMatch || !statement) {
    const isNowLocked = await endAttempt(begun.attempt, { outcome: "failure" });
    await audit("FAILURE", { reason: "no_match", ...(isNowLocked ? { locked: "true" } : {}) });
    return isNowLocked
      ? { ok: false, reason: "LOCKED", lockedUntil: (await lockedUntil(keys)) ?? undefined }
      : { ok: false, reason: "NO_MATCH" };
  }
  await endAttempt(begun.attempt, { outcome: "success" });
  await audit("SUCCESS", {}, statement.id);
  return { ok: true, statementId: statement.id, accountId: statement.accountId };
};
