import { beforeEach, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { endSession, loadSession } from "@/lib/auth/user-session";
import { env } from "@/lib/env";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const signIn = async () => {
  const result = await signInWithPassword({
    email: DEMO.patient.email,
    password: DEMO.patient.password,
    context: requestFrom("203.0.113.90"),
  });
  if (!result.ok) throw new Error(result.reason);
  return result.user;
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe("server-side sessions", () => {
  beforeEach(async () => {
    await database.db.rateLimitEvent.deleteMany();
    await database.db.user.update({ where: { email: DEMO.patient.email }, data: { disabledAt: null } });
  });

  it("signing in starts a session that the cookie's claims name, with where it came from", async () => {
    const user = await signIn();
    expect(await loadSession(user.sessionId, user.id, user.sessionVersion)).toMatchObject({
      userId: user.id,
      email: DEMO.patient.email,
      role: "PATIENT",
    });
    const row = await database.db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } });
    expect(row).toMatchObject({ userId: user.id, ip: "203.0.113.90", endedAt: null });
  });

  it("signing out ends it: its claims are worth nothing afterwards", async () => {
    const user = await signIn();
    await endSession({ sessionId: user.sessionId, reason: "signed_out" });
    expect(await loadSession(user.sessionId, user.id, user.sessionVersion)).toBeNull();
    expect(await database.db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } })).toMatchObject({
      endReason: "signed_out",
    });
  });

  it("ends a session idle past the timeout, and one past its maximum age however active", async () => {
    const idle = await signIn();
    const idleMinutes = env().SESSION_IDLE_TIMEOUT_SECONDS / 60;
    await database.db.userSession.update({
      where: { id: idle.sessionId },
      data: { lastSeenAt: minutesAgo(idleMinutes + 1) },
    });
    expect(await loadSession(idle.sessionId, idle.id, idle.sessionVersion)).toBeNull();
    // Once ended it stays ended, even if the browser comes back at once.
    await database.db.userSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date() } });
    expect(await loadSession(idle.sessionId, idle.id, idle.sessionVersion)).toBeNull();

    const old = await signIn();
    await database.db.userSession.update({
      where: { id: old.sessionId },
      data: { createdAt: new Date(Date.now() - env().SESSION_MAX_AGE_SECONDS * 1000 - 60_000) },
    });
    expect(await loadSession(old.sessionId, old.id, old.sessionVersion)).toBeNull();
    const reasons = await database.db.userSession.findMany({
      where: { id: { in: [idle.sessionId, old.sessionId] } },
      select: { id: true, endReason: true },
    });
    expect(Object.fromEntries(reasons.map((r) => [r.id, r.endReason]))).toEqual({
      [idle.sessionId]: "idle",
      [old.sessionId]: "expired",
    });
  });

  it("an active session's last request is kept up to date (so it does not go idle)", async () => {
    const user = await signIn();
    await database.db.userSession.update({
      where: { id: user.sessionId },
      data: { lastSeenAt: minutesAgo(5) },
    });
    expect(await loadSession(user.sessionId, user.id, user.sessionVersion)).not.toBeNull();
    const row = await database.db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("refuses a session after a password change or reset, of a disabled user, or under other claims", async () => {
    const user = await signIn();
    expect(await loadSession(user.sessionId, "someone-else", user.sessionVersion)).toBeNull();
    await database.db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSession(user.sessionId, user.id, user.sessionVersion)).toBeNull();

    const again = await signIn();
    await database.db.user.update({ where: { id: again.id }, data: { disabledAt: new Date() } });
    expect(await loadSession(again.sessionId, again.id, again.sessionVersion)).toBeNull();
  });
});
