import { getDb } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/user-session";
import { hasControlCharacter, hasNul } from "@/lib/input";
import { resendVerificationEmail, sendPasswordChangeLink } from "@/lib/auth/verification-email";
import { recordAudit } from "@/lib/audit/record";
import { beginAttempt, endAttempt, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";
import type { Role } from "@/lib/generated/prisma/enums";

export type TSignInResult =
  | {
      ok: true;
      user: {
        id: string;
        email: string;
        role: Role;
        name: string;
        sessionVersion: number;
        sessionId: string;
      };
    }
  | {
      ok: false;
      reason: "INVALID_CREDENTIALS" | "EMAIL_NOT_VERIFIED" | "RATE_LIMITED" | "PASSWORD_CHANGE_REQUIRED";
    };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks an email and password. Wrong email and wrong password look the same to the caller;
 * 5 failures for one email or one IP in 15 minutes lock sign-in for 15 minutes.
 */
export const signInWithPassword = async ({
  email: rawEmail,
  password,
  context,
}: {
  email: string;
  password: string;
  context: TRequestContext;
}): Promise<TSignInResult> => {
  const email = normalizeEmail(rawEmail);
  // Control characters (a NUL would reach PostgreSQL as an error) are no email or password of ours.
  if (hasControlCharacter(email) || hasNul(password) || email.length > 320) {
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  const keys: TLockKey[] = [{ bucket: "signin:email", key: email }];
  if (context.ip) keys.push({ bucket: "signin:ip", key: context.ip });
  const audit = (
    outcome: "SUCCESS" | "FAILURE",
    reason?: string,
    user?: { id: string; role: Role },
    isNowLocked = false,
  ) =>
    recordAudit({
      actor: user
        ? { kind: "user", userId: user.id, role: user.role, label: email }
        : { kind: "anonymous", label: email },
      action: "auth.sign_in",
      outcome,
      context,
      metadata: reason ? { reason, ...(isNowLocked ? { locked: true } : {}) } : undefined,
    });

  // Counted before the password is checked: 30 tries at once get at most 5 checks. A refused
  // try is not audited one by one (the lock's count is, once per window: lib/rate-limit).
  const begun = await beginAttempt(keys);
  if (!begun.ok) return { ok: false, reason: "RATE_LIMITED" };
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const isValid = await verifyPassword(user?.passwordHash, password);
  if (!user || !isValid || user.disabledAt) {
    const isNowLocked = await endAttempt(begun.attempt, { outcome: "failure" });
    await audit("FAILURE", user ? "bad_password" : "unknown_email", user ?? undefined, isNowLocked);
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  await endAttempt(begun.attempt, {
    outcome: "success",
    clearKeys: [{ bucket: "signin:email", key: email }],
  });
  if (!user.emailVerifiedAt) {
    await resendVerificationEmail({ userId: user.id, email });
    await audit("FAILURE", "email_not_verified", user);
    return { ok: false, reason: "EMAIL_NOT_VERIFIED" };
  }
  if (user.mustChangePassword) {
    // A temporary password (a staff CSV import) opens no session: it is changed first, through
    // the reset link emailed now (budgeted like every reset mail).
    await sendPasswordChangeLink({ userId: user.id, email });
    await audit("FAILURE", "password_change_required", user);
    return { ok: false, reason: "PASSWORD_CHANGE_REQUIRED" };
  }
  const sessionId = await startSession({ userId: user.id, context });
  // Shown to administrators on the staff users page.
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: user.role, label: email },
    action: "auth.sign_in",
    context,
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      role: user.role,
      name: `${user.firstName} ${user.lastName}`,
      sessionVersion: user.sessionVersion,
      sessionId,
    },
  };
};
