import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/enums";
import { getDb, readRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Server-side sessions. The session cookie (next-auth's JWT) names a `user_session` row, and a
 * session is good only while that row is: not ended (signing out ends it), seen within the idle
 * timeout, younger than the maximum age, and of a user who is not disabled and whose
 * sessionVersion (bumped by a password change or reset) is the one the session began with. So a
 * copied cookie dies with the session it belongs to, whatever its own expiry says.
 */

export type TSessionClaims = { sid?: unknown; uid?: unknown; sv?: unknown };

export type TSessionUser = {
  sessionId: string;
  userId: string;
  email: string;
  role: Role;
  name: string;
  /** When this session last passed the second factor (null: not yet). */
  secondFactorAt: Date | null;
  /** Whether the user has TOTP turned on. */
  hasTotp: boolean;
  /** Whether the user has a passkey (for staff, a second factor of its own: lib/auth/mfa/policy.ts). */
  hasPasskey: boolean;
  /** The language the user chose (`user.locale`; null: not chosen), read with the session so a page needs no query of its own. */
  locale: string | null;
};

type TSessionRow = {
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  secondFactorAt: Date | null;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  sessionVersion: number;
  disabledAt: Date | null;
  totpEnabledAt: Date | null;
  hasPasskey: boolean;
  locale: string | null;
};

/** Retention of ended sessions (who signed in, from where, when): then they are deleted. */
export const ENDED_SESSION_RETENTION_MS = 90 * 24 * 60 * 60_000;

export const startSession = async ({
  userId,
  context,
  secondFactorAt = null,
}: {
  userId: string;
  context: TRequestContext;
  /** Set when the sign-in itself was two factors (a passkey with user verification). */
  secondFactorAt?: Date | null;
}) => {
  const db = await getDb();
  const session = await db.userSession.create({
    data: { userId, ip: context.ip, userAgent: context.userAgent, secondFactorAt },
    select: { id: true },
  });
  return session.id;
};

export type TEndReason = "signed_out" | "idle" | "expired" | "password_changed" | "disabled";

export const endSession = async ({ sessionId, reason }: { sessionId: string; reason: TEndReason }) => {
  const db = await getDb();
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
};

/** Ends every session of a user but `keep` (a password change keeps the session that made it). */
export const endOtherSessions = async ({
  userId,
  keep,
  reason,
}: {
  userId: string;
  keep?: string;
  reason: TEndReason;
}) => {
  const db = await getDb();
  await db.userSession.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
};

/** How stale `lastSeenAt` may get before a request refreshes it: a minute, or less for short timeouts. */
const touchAfterMs = (idleMs: number) => Math.min(60_000, idleMs / 4);

/**
 * The user of a session the cookie names, or null when the session is not good (see above).
 * A session found idle or past its age is ended on the way. Memoised per request (React cache):
 * next-auth's jwt callback and getActor ask within one request.
 */
export const loadSession = cache(
  async (sessionId: string, userId: string, sessionVersion: number): Promise<TSessionUser | null> => {
    const db = await getDb();
    const { SESSION_IDLE_TIMEOUT_SECONDS, SESSION_MAX_AGE_SECONDS } = env();
    const idleMs = SESSION_IDLE_TIMEOUT_SECONDS * 1000;
    // One statement, past Prisma: this runs on every signed-in request (docs/database.md, "Hot paths").
    const [session] = await readRows<TSessionRow>(sql`
      SELECT s."userId", s."createdAt", s."lastSeenAt", s."endedAt", s."secondFactorAt",
             u.email, u.role::text AS role, u."firstName", u."lastName", u."sessionVersion",
             u."disabledAt", u."totpEnabledAt", u.locale,
             EXISTS (SELECT 1 FROM "passkey" p WHERE p."userId" = u.id) AS "hasPasskey"
      FROM "user_session" s
      JOIN "user" u ON u.id = s."userId"
      WHERE s.id = ${sessionId}`);
    if (!session || session.endedAt || session.userId !== userId) return null;
    const now = Date.now();
    const ended: TEndReason | null = session.disabledAt
      ? "disabled"
      : session.sessionVersion !== sessionVersion
        ? "password_changed"
        : now - session.lastSeenAt.getTime() > idleMs
          ? "idle"
          : now - session.createdAt.getTime() > SESSION_MAX_AGE_SECONDS * 1000
            ? "expired"
            : null;
    if (ended) {
      await endSession({ sessionId, reason: ended });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > touchAfterMs(idleMs)) {
      await db.userSession.updateMany({
        where: { id: sessionId, endedAt: null },
        data: { lastSeenAt: new Date(now) },
      });
    }
    return {
      sessionId,
      userId,
      email: session.email,
      role: session.role,
      name: `${session.firstName} ${session.lastName}`,
      secondFactorAt: session.secondFactorAt,
      hasTotp: session.totpEnabledAt !== null,
      hasPasskey: session.hasPasskey,
      locale: session.locale,
    };
  },
);

/** The session a cookie's claims name, if it is still good (null for claims of another shape). */
export const sessionOfClaims = (claims: TSessionClaims) =>
  typeof claims.sid === "string" && typeof claims.uid === "string" && typeof claims.sv === "number"
    ? loadSession(claims.sid, claims.uid, claims.sv)
    : Promise.resolve(null);

/** Deletes sessions that ended (or went idle) long ago (a daily job). */
export const cleanupSessions = async ({ now = new Date() }: { now?: Date } = {}) => {
  const db = await getDb();
  const before = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS);
  const { count } = await db.userSession.deleteMany({
    where: { OR: [{ endedAt: { lt: before } }, { lastSeenAt: { lt: before } }] },
  });
  return count;
};
