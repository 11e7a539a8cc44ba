import "server-only";
import { PROFILE_ERRORS } from "@/lib/profile/messages";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { verifyPassword } from "@/lib/auth/password";
import type { TActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { beginAttempt, endAttempt, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";

export const WRONG_CURRENT_PASSWORD = PROFILE_ERRORS.wrongCurrentPassword;
export const REAUTH_LOCKED = PROFILE_ERRORS.passwordLocked;

/**
 * A sensitive change (email, password) asks for the current password again, so that a browser
 * left signed in is not enough to take over the login. Five wrong passwords for one login in
 * 15 minutes lock these changes for 15 minutes (the same limits as sign-in). The failure is
 * audited under `action`; the caller audits the success with what changed.
 */
export const requireCurrentPassword = async ({
  actor,
  password,
  action,
  context,
}: {
  actor: TActor;
  password: string;
  action: string;
  context: TRequestContext;
}) => {
  const keys: TLockKey[] = [{ bucket: "reauth:user", key: actor.userId }];
  const refuse = async (reason: "wrong_password", isLocked: boolean) => {
    await recordAudit({
      actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
      action,
      outcome: "FAILURE",
      context,
      metadata: { reason, ...(isLocked ? { locked: true } : {}) },
    });
    return isLocked
      ? new AppError("RATE_LIMITED", { userMessage: REAUTH_LOCKED })
      : new AppError("INVALID_CREDENTIALS", {
          userMessage: WRONG_CURRENT_PASSWORD,
          fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
        });
  };
  // Counted before the password is checked (lib/rate-limit): a burst gets no more checks than the limit.
  const begun = await beginAttempt(keys);
  if (!begun.ok) throw new AppError("RATE_LIMITED", { userMessage: REAUTH_LOCKED });
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, password))) {
    const isNowLocked = await endAttempt(begun.attempt, { outcome: "failure" });
    throw await refuse("wrong_password", isNowLocked);
  }
  await endAttempt(begun.attempt, { outcome: "success", clearKeys: keys });
};
