import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { startSession } from "@/lib/auth/user-session";
import { isRemovalOfLastFactor } from "@/lib/auth/mfa/policy";
import { MFA_MESSAGES } from "@/lib/auth/mfa/mfa-messages";
import { PASSKEY_MESSAGES } from "@/lib/auth/mfa/passkey-messages";
import type { TSignInResult } from "@/lib/auth/sign-in";
import { beginAttempt, endAttempt, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Passkeys (WebAuthn) through @simplewebauthn/server: a user adds one while signed in, then
 * signs in with it and no password, or uses it as the second step after the password (and for
 * a step-up). The authenticator checks the person (user verification is required), so a passkey
 * sign-in is two factors: the session's second factor passes with it. Every challenge is made
 * here, used once, and bound to its user (and, for a second step, to the session). Stored: the
 * credential's id, its public key and its signature counter; nothing secret.
 */

const CHALLENGE_TTL_MS = 5 * 60_000;

const relyingParty = () => {
  const url = new URL(env().NEXTAUTH_URL);
  return { rpID: url.hostname, origin: url.origin, rpName: "Riverside Family Medicine" };
};

type TChallengePurpose = "register" | "sign_in" | "second_factor";

/** Who a challenge is for: the user (register, second_factor) and the session (second_factor). */
type TChallengeOwner = { userId: string | null; sessionId: string | null };

const newChallenge = async (challenge: string, purpose: TChallengePurpose, owner: TChallengeOwner) => {
  const db = await getDb();
  const now = new Date();
  await db.webauthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await db.webauthnChallenge.create({
    data: { challenge, purpose, ...owner, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
    select: { id: true },
  });
  return row.id;
};

/** A challenge handed out for this purpose (and user and session), taken once: null when used, expired or another's. */
const takeChallenge = async (id: string, purpose: TChallengePurpose, owner: TChallengeOwner) => {
  const db = await getDb();
  const row = await db.webauthnChallenge.findFirst({
    where: { id, purpose, ...owner, expiresAt: { gt: new Date() } },
    select: { challenge: true },
  });
  if (!row) return null;
  const { count } = await db.webauthnChallenge.deleteMany({ where: { id } });
  return count === 1 ? row.challenge : null;
};

type TStoredPasskey = {
  id: string;
  credentialId: string;
  publicKey: string;
  counter: bigint;
  transports: string;
};

/**
 * Checks an authenticator's answer for a stored passkey against the challenge (origin, RP id,
 * user verification, signature): the authenticator's new counter, or null when it failed.
 */
const verifyAssertion = async ({
  passkey,
  challenge,
  response,
}: {
  passkey: TStoredPasskey;
  challenge: string;
  response: AuthenticationResponseJSON;
}): Promise<number | null> => {
  const { rpID, origin } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
      counter: Number(passkey.counter),
      transports: passkey.transports
        ? (passkey.transports.split(",") as AuthenticatorTransportFuture[])
        : undefined,
    },
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  return verification.verified ? verification.authenticationInfo.newCounter : null;
};

/**
 * Records a use of a passkey: the counter moves on in the same statement that checks it (a
 * cloned key's replay, or the same answer twice at once, fails here). False when it did not.
 */
const recordUse = async (passkey: TStoredPasskey, newCounter: number) => {
  const db = await getDb();
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
  });
  return count === 1;
};

type TPasskeyUser = { userId: string; email: string; role: Role; name: string };

/** What the browser needs to create a passkey for a signed-in user. */
export const passkeyRegistrationOptions = async (user: TPasskeyUser) => {
  const db = await getDb();
  const { rpID, rpName } = relyingParty();
  const existing = await db.passkey.findMany({
    where: { userId: user.userId },
    select: { credentialId: true },
  });
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.userId),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  return {
    challengeId: await newChallenge(options.challenge, "register", { userId: user.userId, sessionId: null }),
    options,
  };
};

export const registerPasskey = async ({
  user,
  challengeId,
  response,
  context,
}: {
  user: TPasskeyUser;
  challengeId: string;
  response: RegistrationResponseJSON;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const actor = { kind: "user" as const, userId: user.userId, role: user.role, label: user.email };
  const challenge = await takeChallenge(challengeId, "register", { userId: user.userId, sessionId: null });
  const { rpID, origin } = relyingParty();
  const verification = challenge
    ? await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const, registrationInfo: undefined }))
    : { verified: false as const, registrationInfo: undefined };
  if (!verification.verified) {
    await recordAudit({
      actor,
      action: "passkey.register_failed",
      outcome: "FAILURE",
      context,
      metadata: { reason: challenge ? "not_verified" : "challenge" },
    });
    throw new AppError("VALIDATION", { userMessage: PASSKEY_MESSAGES.passkeyNotAdded });
  }
  const { credential } = verification.registrationInfo;
  // "Passkey n", the first n no passkey of the user is called (removing one frees its name).
  const names = new Set(
    (await db.passkey.findMany({ where: { userId: user.userId }, select: { name: true } })).map(
      (p) => p.name,
    ),
  );
  let number = 1;
  while (names.has(`Passkey ${number}`)) number += 1;
  const passkey = await db.passkey.create({
    data: {
      userId: user.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: BigInt(credential.counter),
      transports: (credential.transports ?? []).join(","),
      name: `Passkey ${number}`,
    },
    select: { id: true, name: true },
  });
  await recordAudit({
    actor,
    action: "passkey.registered",
    target: { type: "Passkey", id: passkey.id },
    context,
    metadata: { name: passkey.name },
  });
  return passkey;
};

/** What the browser needs to sign in with any passkey of ours (discoverable credentials). */
export const passkeySignInOptions = async () => {
  const { rpID } = relyingParty();
  const options = await generateAuthenticationOptions({ rpID, userVerification: "required" });
  return {
    challengeId: await newChallenge(options.challenge, "sign_in", { userId: null, sessionId: null }),
    options,
  };
};

/**
 * Signs in with a passkey: the challenge (once), the credential's user (verified, not
 * disabled), the signature and a counter that does not go back. Counted like a password
 * sign-in (five failures from one address in 15 minutes lock it). The session starts with its
 * second factor passed.
 */
export const signInWithPasskey = async ({
  challengeId,
  response,
  context,
}: {
  challengeId: string;
  response: AuthenticationResponseJSON;
  context: TRequestContext;
}): Promise<TSignInResult> => {
  const db = await getDb();
  const keys: TLockKey[] = context.ip ? [{ bucket: "signin:ip", key: context.ip }] : [];
  const begun = keys.length > 0 ? await beginAttempt(keys) : null;
  if (begun && !begun.ok) return { ok: false, reason: "RATE_LIMITED" };
  const fail = async (reason: string, userId?: { id: string; role: Role; email: string }) => {
    const isNowLocked = begun?.ok ? await endAttempt(begun.attempt, { outcome: "failure" }) : false;
    await recordAudit({
      actor: userId
        ? { kind: "user", userId: userId.id, role: userId.role, label: userId.email }
        : { kind: "anonymous" },
      action: "auth.sign_in",
      outcome: "FAILURE",
      context,
      metadata: { method: "passkey", reason, ...(isNowLocked ? { locked: true } : {}) },
    });
    return { ok: false as const, reason: "INVALID_CREDENTIALS" as const };
  };
  const challenge = await takeChallenge(challengeId, "sign_in", { userId: null, sessionId: null });
  if (!challenge) return fail("challenge");
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    include: { user: true },
  });
  if (!passkey) return fail("unknown_passkey");
  const { user } = passkey;
  const newCounter = await verifyAssertion({ passkey, challenge, response });
  if (newCounter === null) return fail("not_verified", user);
  if (user.disabledAt || !user.emailVerifiedAt)
    return fail(user.disabledAt ? "disabled" : "email_not_verified", user);
  if (!(await recordUse(passkey, newCounter))) return fail("counter", user);
  if (begun?.ok) await endAttempt(begun.attempt, { outcome: "success" });
  const sessionId = await startSession({ userId: user.id, context, secondFactorAt: new Date() });
  await recordAudit({
    actor: { kind: "user", userId: user.id, role: user.role, label: user.email },
    action: "auth.sign_in",
    context,
    metadata: { method: "passkey" },
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

/** A user's passkeys, for the page that manages them. */
export const listPasskeys = async (userId: string) => {
  const db = await getDb();
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
};

/** The user of a second step: the session it is for (the challenge is bound to it). */
type TSecondStepUser = { sessionId: string; userId: string };

/**
 * What the browser needs to answer with one of this user's passkeys as the second step after
 * the password (or a step-up): a challenge bound to the user and to this session.
 */
export const passkeySecondFactorOptions = async (user: TSecondStepUser) => {
  const db = await getDb();
  const { rpID } = relyingParty();
  const passkeys = await db.passkey.findMany({
    where: { userId: user.userId },
    select: { credentialId: true, transports: true },
  });
  if (passkeys.length === 0) {
    throw new AppError("VALIDATION", { userMessage: MFA_MESSAGES.mfaNoPasskey });
  }
  const options = await generateAuthenticationOptions({
    rpID,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: p.transports ? (p.transports.split(",") as AuthenticatorTransportFuture[]) : undefined,
    })),
  });
  return {
    challengeId: await newChallenge(options.challenge, "second_factor", {
      userId: user.userId,
      sessionId: user.sessionId,
    }),
    options,
  };
};

/**
 * Checks a passkey as a session's second step: the challenge this session was given (once), a
 * passkey of this user (another user's is refused like an unknown one), the signature and the
 * counter. The caller (verifyPasskeySecondFactor) runs it under the code lockout and records it.
 */
export const checkPasskeySecondFactor = async ({
  user,
  challengeId,
  response,
}: {
  user: TSecondStepUser;
  challengeId: string;
  response: AuthenticationResponseJSON;
}): Promise<{ ok: true; value: "passkey" } | { ok: false; reason: string }> => {
  const db = await getDb();
  const challenge = await takeChallenge(challengeId, "second_factor", {
    userId: user.userId,
    sessionId: user.sessionId,
  });
  if (!challenge) return { ok: false, reason: "challenge" };
  const passkey = await db.passkey.findFirst({
    where: { credentialId: response.id, userId: user.userId },
  });
  if (!passkey) return { ok: false, reason: "unknown_passkey" };
  const newCounter = await verifyAssertion({ passkey, challenge, response });
  if (newCounter === null) return { ok: false, reason: "not_verified" };
  if (!(await recordUse(passkey, newCounter))) return { ok: false, reason: "counter" };
  return { ok: true, value: "passkey" };
};

const passkeyNotFound = () => new AppError("NOT_FOUND", { userMessage: PASSKEY_MESSAGES.passkeyGone });

/** Renames one of the user's own passkeys (another's is the same NOT_FOUND as a missing one). */
export const renamePasskey = async ({
  user,
  passkeyId,
  name,
  context,
}: {
  user: TPasskeyUser;
  passkeyId: string;
  name: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.passkey.findFirst({
      where: { id: passkeyId, userId: user.userId },
      select: { name: true },
    });
    if (!before) throw passkeyNotFound();
    await tx.passkey.update({ where: { id: passkeyId }, data: { name } });
    await recordAudit(
      {
        actor: { kind: "user", userId: user.userId, role: user.role, label: user.email },
        action: "passkey.renamed",
        target: { type: "Passkey", id: passkeyId },
        context,
        metadata: { from: before.name, to: name },
      },
      tx,
    );
    return { name };
  });
};

export const LAST_FACTOR_MESSAGE = PASSKEY_MESSAGES.passkeyLastFactor;

/**
 * Removes one of the user's own passkeys. A staff member's last second factor (no TOTP, no
 * other passkey) stays (CONFLICT, audited). The user's row is locked first, so two removals at
 * once cannot each leave the other's passkey as the last one and together remove both.
 */
export const removePasskey = async ({
  user,
  passkeyId,
  context,
}: {
  user: TPasskeyUser;
  passkeyId: string;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const actor = { kind: "user" as const, userId: user.userId, role: user.role, label: user.email };
  const refused = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${user.userId} FOR UPDATE`;
    const passkey = await tx.passkey.findFirst({
      where: { id: passkeyId, userId: user.userId },
      select: { name: true },
    });
    if (!passkey) throw passkeyNotFound();
    const owner = await tx.user.findUniqueOrThrow({
      where: { id: user.userId },
      select: { role: true, totpEnabledAt: true },
    });
    const otherPasskeys = await tx.passkey.count({ where: { userId: user.userId, id: { not: passkeyId } } });
    if (isRemovalOfLastFactor({ role: owner.role, hasTotp: owner.totpEnabledAt !== null, otherPasskeys })) {
      return passkey.name;
    }
    await tx.passkey.delete({ where: { id: passkeyId } });
    await recordAudit(
      {
        actor,
        action: "passkey.removed",
        target: { type: "Passkey", id: passkeyId },
        context,
        metadata: { name: passkey.name },
      },
      tx,
    );
    return null;
  });
  if (refused !== null) {
    await recordAudit({
      actor,
      action: "passkey.remove_refused",
      outcome: "DENIED",
      target: { type: "Passkey", id: passkeyId },
      context,
      metadata: { name: refused, reason: "last_second_factor" },
    });
    throw new AppError("CONFLICT", { userMessage: LAST_FACTOR_MESSAGE });
  }
};
