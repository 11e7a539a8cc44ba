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
import type { TSignInResult } from "@/lib/auth/sign-in";
import { beginAttempt, endAttempt, type TLockKey } from "@/lib/rate-limit/lockout";
import type { TRequestContext } from "@/lib/request-context";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Passkeys (WebAuthn) through @simplewebauthn/server: a user adds one while signed in, then
 * signs in with it and no password. The authenticator checks the person (user verification is
 * required), so a passkey sign-in is two factors: the session's second factor passes with it.
 * Stored: the credential's id, its public key and its signature counter; nothing secret.
 */

const CHALLENGE_TTL_MS = 5 * 60_000;

const relyingParty = () => {
  const url = new URL(env().NEXTAUTH_URL);
  return { rpID: url.hostname, origin: url.origin, rpName: "Riverside Family Medicine" };
};

const newChallenge = async (challenge: string, purpose: "register" | "sign_in", userId: string | null) => {
  const db = await getDb();
  const now = new Date();
  await db.webauthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await db.webauthnChallenge.create({
    data: { challenge, purpose, userId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
    select: { id: true },
  });
  return row.id;
};

/** A challenge handed out for this purpose (and user), taken once: null when used, expired or another's. */
const takeChallenge = async (id: string, purpose: "register" | "sign_in", userId: string | null) => {
  const db = await getDb();
  const row = await db.webauthnChallenge.findFirst({
    where: { id, purpose, userId, expiresAt: { gt: new Date() } },
    select: { challenge: true },
  });
  if (!row) return null;
  const { count } = await db.webauthnChallenge.deleteMany({ where: { id } });
  return count === 1 ? row.challenge : null;
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
  return { challengeId: await newChallenge(options.challenge, "register", user.userId), options };
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
  const challenge = await takeChallenge(challengeId, "register", user.userId);
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
    throw new AppError("VALIDATION", { userMessage: "We couldn't add that passkey. Please try again." });
  }
  const { credential } = verification.registrationInfo;
  const count = await db.passkey.count({ where: { userId: user.userId } });
  const passkey = await db.passkey.create({
    data: {
      userId: user.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: BigInt(credential.counter),
      transports: (credential.transports ?? []).join(","),
      name: `Passkey ${count + 1}`,
    },
    select: { id: true, name: true },
  });
  await recordAudit({
    actor,
    action: "passkey.registered",
    target: { type: "Passkey", id: passkey.id },
    context,
  });
  return passkey;
};

/** What the browser needs to sign in with any passkey of ours (discoverable credentials). */
export const passkeySignInOptions = async () => {
  const { rpID } = relyingParty();
  const options = await generateAuthenticationOptions({ rpID, userVerification: "required" });
  return { challengeId: await newChallenge(options.challenge, "sign_in", null), options };
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
  const challenge = await takeChallenge(challengeId, "sign_in", null);
  if (!challenge) return fail("challenge");
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    include: { user: true },
  });
  if (!passkey) return fail("unknown_passkey");
  const { user } = passkey;
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
  if (!verification.verified) return fail("not_verified", user);
  if (user.disabledAt || !user.emailVerifiedAt)
    return fail(user.disabledAt ? "disabled" : "email_not_verified", user);
  // The counter moves on in the same statement that checks it (a cloned key's replay fails here).
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  if (count === 0) return fail("counter", user);
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
