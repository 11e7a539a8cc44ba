import "server-only";
import { getDb } from "@/lib/db";
import { getClock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { beginAttempt, endAttempt, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { openTotpSecret, sealTotpSecret } from "@/lib/auth/mfa/secret";
import { checkPasskeySecondFactor } from "@/lib/auth/mfa/passkeys";
import { MFA_MESSAGES } from "@/lib/auth/mfa/mfa-messages";
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from "@/lib/auth/mfa/totp";

/**
 * The second factor of a session (docs/security.md, "Second factor"). The session row
 * (user_session) records when its second factor last passed (`secondFactorAt`): at sign-in, at
 * enrolment and at each step-up. Every enrolment, failure, recovery-code use and step-up is in
 * the audit log; five failures for a user in 15 minutes (wrong codes, passkeys that do not
 * check out) lock the code page, passkey included, for 15 minutes.
 */

export type TSecondFactorUser = { sessionId: string; userId: string; email: string; role: Role };

const auditActor = (user: TSecondFactorUser): TAuditActor => ({
  kind: "user",
  userId: user.userId,
  role: user.role,
  label: user.email,
});

/** A change to the user's own second factor, audited in the transaction that makes it. */
const recordFactorChange = (
  tx: Prisma.TransactionClient,
  { user, action, context }: { user: TSecondFactorUser; action: string; context: TRequestContext },
) => recordAudit({ actor: auditActor(user), action, target: { type: "User", id: user.userId }, context }, tx);

/** A code the signed-in user typed, for this session's second factor. */
type TCodeInput = { user: TSecondFactorUser; code: string; context: TRequestContext };

/** This session of the user's, while it lasts: the row every step reads or marks. */
const liveSession = (user: TSecondFactorUser) => ({
  id: user.sessionId,
  userId: user.userId,
  endedAt: null,
});

const lockKey = (userId: string): TLockKey => ({ bucket: "mfa:user", key: userId });

const WRONG_CODE = MFA_MESSAGES.mfaWrongCode;
const WRONG_PASSKEY = MFA_MESSAGES.mfaWrongPasskey;
const LOCKED = MFA_MESSAGES.mfaLocked;

/**
 * Runs one check (a code, or a passkey) under the lockout: a failure counts; five in 15 minutes
 * lock the user, whichever factor failed.
 */
const underLockout = async <T>(
  user: TSecondFactorUser,
  context: TRequestContext,
  action: string,
  check: () => Promise<{ ok: true; value: T } | { ok: false; reason: string }>,
  { wrong = WRONG_CODE, method }: { wrong?: string; method?: "passkey" } = {},
): Promise<T> => {
  const begun = await beginAttempt([lockKey(user.userId)]);
  if (!begun.ok) throw new AppError("RATE_LIMITED", { userMessage: LOCKED });
  let result: Awaited<ReturnType<typeof check>>;
  try {
    result = await check();
  } catch (error) {
    await endAttempt(begun.attempt, { outcome: "failure" });
    throw error;
  }
  if (result.ok) {
    await endAttempt(begun.attempt, { outcome: "success", clearKeys: [lockKey(user.userId)] });
    return result.value;
  }
  const isNowLocked = await endAttempt(begun.attempt, { outcome: "failure" });
  await recordAudit({
    actor: auditActor(user),
    action,
    outcome: "FAILURE",
    context,
    metadata: {
      reason: result.reason,
      ...(method ? { method } : {}),
      ...(isNowLocked ? { locked: true } : {}),
    },
  });
  const message = isNowLocked ? LOCKED : wrong;
  throw new AppError("VALIDATION", {
    userMessage: message,
    ...(method ? {} : { fieldErrors: { code: [message] } }),
  });
};

/**
 * The secret of the enrolment under way in this session (made on the first visit and kept on
 * the session row, sealed, so a reload shows the same QR code), or null when the user already
 * has TOTP.
 */
export const enrolmentSecret = async (user: TSecondFactorUser) => {
  const db = await getDb();
  const row = await db.userSession.findFirst({
    where: liveSession(user),
    select: { totpPendingSecret: true, user: { select: { totpEnabledAt: true } } },
  });
  if (!row || row.user.totpEnabledAt) return null;
  let secret = row.totpPendingSecret ? openTotpSecret(row.totpPendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db.userSession.update({
      where: { id: user.sessionId },
      data: { totpPendingSecret: sealTotpSecret(secret) },
    });
  }
  return { secret, uri: totpUri(secret, user.email) };
};

/**
 * Turns TOTP on with a code of the secret this session showed: the user's secret (sealed), the
 * step of the code as used, ten new recovery codes (hashed; returned once, to be shown once),
 * and this session's second factor passed.
 */
export const confirmEnrolment = async ({ user, code, context }: TCodeInput) => {
  const db = await getDb();
  const now = getClock().now();
  const step = await underLockout(user, context, "mfa.enrol_failed", async () => {
    const row = await db.userSession.findFirst({
      where: liveSession(user),
      select: { totpPendingSecret: true },
    });
    if (!row?.totpPendingSecret) return { ok: false, reason: "no_enrolment" };
    const matched = matchTotp({
      secret: openTotpSecret(row.totpPendingSecret),
      code,
      at: now,
      lastStep: null,
    });
    return matched === null ? { ok: false, reason: "wrong_code" } : { ok: true, value: matched };
  });
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const pending = await tx.userSession.findUniqueOrThrow({
      where: { id: user.sessionId },
      select: { totpPendingSecret: true },
    });
    // Only a user without TOTP enrols: two sessions enrolling at once, the first one wins.
    const { count } = await tx.user.updateMany({
      where: { id: user.userId, totpEnabledAt: null },
      data: { totpSecret: pending.totpPendingSecret, totpEnabledAt: now, totpLastStep: step },
    });
    if (count === 0) {
      throw new AppError("VALIDATION", {
        userMessage: MFA_MESSAGES.mfaAlreadyOn,
      });
    }
    await tx.recoveryCode.deleteMany({ where: { userId: user.userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ userId: user.userId, codeHash: hashRecoveryCode(c) })),
    });
    await tx.userSession.update({
      where: { id: user.sessionId },
      data: { secondFactorAt: now, totpPendingSecret: null },
    });
    await recordFactorChange(tx, { user, action: "mfa.totp_enrolled", context });
  });
  return { recoveryCodes: codes };
};

type TSecondFactorMethod = "totp" | "recovery_code" | "passkey";

/**
 * Marks this session's second factor passed now, once a factor's check has passed: at sign-in,
 * or again for a step-up. Audited with the factor used (`method`) and whether it was a step-up.
 */
const passSecondFactor = async ({
  user,
  method,
  context,
}: {
  user: TSecondFactorUser;
  method: TSecondFactorMethod;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const now = getClock().now();
  const session = await db.userSession.findUniqueOrThrow({
    where: { id: user.sessionId },
    select: { secondFactorAt: true },
  });
  await db.userSession.updateMany({
    where: liveSession(user),
    data: { secondFactorAt: now },
  });
  const remaining =
    method === "recovery_code"
      ? await db.recoveryCode.count({ where: { userId: user.userId, usedAt: null } })
      : undefined;
  await recordAudit({
    actor: auditActor(user),
    action: method === "recovery_code" ? "mfa.recovery_code_used" : "mfa.verified",
    context,
    metadata: {
      method,
      stepUp: session.secondFactorAt !== null,
      ...(remaining !== undefined ? { remaining } : {}),
    },
  });
  return { method, remainingRecoveryCodes: remaining };
};

/**
 * Checks a TOTP code (each step accepted once: a replayed code is refused) or a recovery code
 * (each works once), and marks this session's second factor passed now: at sign-in, or again
 * for a step-up. Returns which it was.
 */
export const verifySecondFactor = async ({ user, code, context }: TCodeInput) => {
  const db = await getDb();
  const now = getClock().now();
  const method = await underLockout(user, context, "mfa.failed", async () => {
    if (looksLikeRecoveryCode(code)) {
      const { count } = await db.recoveryCode.updateMany({
        where: { userId: user.userId, codeHash: hashRecoveryCode(code), usedAt: null },
        data: { usedAt: now },
      });
      return count === 1
        ? { ok: true, value: "recovery_code" as const }
        : { ok: false, reason: "wrong_recovery_code" };
    }
    const row = await db.user.findUnique({
      where: { id: user.userId },
      select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
    });
    if (!row?.totpSecret || !row.totpEnabledAt) return { ok: false, reason: "no_totp" };
    const step = matchTotp({ secret: openTotpSecret(row.totpSecret), code, at: now, lastStep: null });
    if (step === null) return { ok: false, reason: "wrong_code" };
    // The step is taken as used only if it is later than the last one used, in one statement:
    // the same code sent twice at once is accepted once.
    const { count } = await db.user.updateMany({
      where: { id: user.userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? { ok: true, value: "totp" as const } : { ok: false, reason: "replayed_code" };
  });
  return passSecondFactor({ user, method, context });
};

/**
 * A passkey as the second step after the password, or as a step-up: the answer to the challenge
 * this session was given (lib/auth/mfa/passkeys.ts checks it), under the same lockout as codes
 * (a failure counts, audited as `mfa.failed` with `method: passkey`), then the session passes.
 */
export const verifyPasskeySecondFactor = async ({
  user,
  challengeId,
  response,
  context,
}: {
  user: TSecondFactorUser;
  challengeId: string;
  response: AuthenticationResponseJSON;
  context: TRequestContext;
}) => {
  const method = await underLockout(
    user,
    context,
    "mfa.failed",
    () => checkPasskeySecondFactor({ user, challengeId, response }),
    { wrong: WRONG_PASSKEY, method: "passkey" },
  );
  return passSecondFactor({ user, method, context });
};

/**
 * A patient turns TOTP off, with a code (or a recovery code): the secret and the recovery codes
 * are deleted. Staff cannot (they must have a second factor).
 */
export const disableTotp = async ({ user, code, context }: TCodeInput) => {
  if (user.role !== "PATIENT") {
    throw new AppError("FORBIDDEN", { userMessage: "Staff logins must keep two-step sign-in on." });
  }
  await verifySecondFactor({ user, code, context });
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.userId } });
    await recordFactorChange(tx, { user, action: "mfa.totp_disabled", context });
  });
};

/** How many unused recovery codes a user has left (the profile shows it). */
export const remainingRecoveryCodes = async (userId: string) => {
  const db = await getDb();
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
};
