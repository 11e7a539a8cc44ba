import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { LOCKOUT_DURATION_MS, REFUSALS_AUDIT_ACTION, reportRefusals } from "@/lib/rate-limit/lockout";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const signIn = (email: string, password: string, ip = "203.0.113.10") =>
  signInWithPassword({ email, password, context: requestFrom(ip) });

const signInAudit = (label: string) =>
  database.db.auditLog.findMany({
    where: { action: "auth.sign_in", actorLabel: label },
    orderBy: { createdAt: "asc" },
  });

describe("signInWithPassword", () => {
  beforeEach(async () => {
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
  });

  it("signs in with the right password", async () => {
    const result = await signIn(DEMO.patient.email, DEMO.patient.password);
    expect(result).toEqual({
      ok: true,
      user: {
        id: expect.any(String),
        email: "pat@example.com",
        role: "PATIENT",
        name: "Pat Rivera",
        sessionVersion: 0,
        sessionId: expect.any(String),
      },
    });
  });

  it("ignores the case and spaces around the email", async () => {
    const result = await signIn("  PAT@Example.com ", DEMO.patient.password);
    expect(result.ok && result.user.email).toBe("pat@example.com");
  });

  it("gives staff their role", async () => {
    const result = await signIn(DEMO.staff.email, DEMO.staff.password);
    expect(result.ok && result.user.role).toBe("BILLING_MANAGER");
  });

  it("records the last sign-in, and only a successful one", async () => {
    const before = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } });
    expect(before.lastSignInAt).toBeNull();
    expect((await signIn(DEMO.clerk.email, "Wrong-Password-1")).ok).toBe(false);
    expect(
      (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } })).lastSignInAt,
    ).toBeNull();
    const startedAt = Date.now();
    expect((await signIn(DEMO.clerk.email, DEMO.clerk.password)).ok).toBe(true);
    const after = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } });
    expect(after.lastSignInAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrongPassword = await signIn(DEMO.patient.email, "Wrong-Password-1");
    const unknownEmail = await signIn("nobody@example.com", DEMO.patient.password);
    expect(wrongPassword).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("does not sign in a disabled user, and does not say why", async () => {
    await database.db.user.create({
      data: {
        email: "disabled@example.com",
        passwordHash: await hashPassword("Disabled-User-1"),
        firstName: "Dee",
        lastName: "Abled",
        emailVerifiedAt: new Date(),
        disabledAt: new Date(),
      },
    });
    expect(await signIn("disabled@example.com", "Disabled-User-1")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });

  it("asks an unverified user to verify only once the password is right", async () => {
    await database.db.user.create({
      data: {
        email: "unverified@example.com",
        passwordHash: await hashPassword("Unverified-1"),
        firstName: "Una",
        lastName: "Verified",
      },
    });
    expect(await signIn("unverified@example.com", "Unverified-1")).toEqual({
      ok: false,
      reason: "EMAIL_NOT_VERIFIED",
    });
    // The right password earns a fresh verification link (the first may have expired or got lost).
    const links = await database.db.outboxEmail.findMany({
      where: { to: "unverified@example.com", subject: { contains: "confirm your email address" } },
    });
    expect(links).toHaveLength(1);
    expect(links[0]!.text).toContain("/verify-email?token=");
    expect(await signIn("unverified@example.com", "Not-The-Password-1")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });

  it("locks an email after 5 failures, even against the right password and from another address", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await signIn(DEMO.patient.email, `Guess-${i}-password`, "203.0.113.20")).toEqual({
        ok: false,
        reason: "INVALID_CREDENTIALS",
      });
    }
    expect(await signIn(DEMO.patient.email, DEMO.patient.password, "203.0.113.20")).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    expect(await signIn(DEMO.patient.email, DEMO.patient.password, "198.51.100.7")).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    // Other people are not locked out by it.
    expect((await signIn(DEMO.staff.email, DEMO.staff.password, "198.51.100.7")).ok).toBe(true);
  });

  it("does not lock after 4 failures, and a success starts the count again", async () => {
    for (let i = 0; i < 4; i++) await signIn(DEMO.staff.email, `Guess-${i}-password`, `203.0.113.${30 + i}`);
    expect((await signIn(DEMO.staff.email, DEMO.staff.password, "203.0.113.40")).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(DEMO.staff.email, `Guess-${i}-password`, `203.0.113.${50 + i}`);
    expect((await signIn(DEMO.staff.email, DEMO.staff.password, "203.0.113.60")).ok).toBe(true);
  });

  it("locks a client address after 5 failures across different emails", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < 5; i++) await signIn(`someone${i}@example.com`, "Guess-password-1", ip);
    expect(await signIn(DEMO.admin.email, DEMO.admin.password, ip)).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    expect((await signIn(DEMO.admin.email, DEMO.admin.password, "198.51.100.8")).ok).toBe(true);
  });

  it("audits a success with the user, address and browser", async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.admin.email } });
    await signIn(DEMO.admin.email, DEMO.admin.password, "192.0.2.1");
    const rows = await signInAudit(DEMO.admin.email);
    expect(rows.at(-1)).toMatchObject({
      actorUserId: user.id,
      actorRole: "ADMIN",
      outcome: "SUCCESS",
      ip: "192.0.2.1",
      userAgent: "vitest",
    });
  });

  it("audits a failure with the reason, and never the password typed", async () => {
    await signIn("typo@example.com", "My-Secret-Guess-1", "192.0.2.2");
    await signIn(DEMO.patient.email, "My-Other-Secret-1", "192.0.2.2");
    const [unknown] = await signInAudit("typo@example.com");
    const badPassword = (await signInAudit(DEMO.patient.email)).at(-1);
    expect(unknown).toMatchObject({
      actorUserId: null,
      actorRole: "ANONYMOUS",
      outcome: "FAILURE",
      ip: "192.0.2.2",
      metadata: { reason: "unknown_email" },
    });
    expect(badPassword).toMatchObject({ outcome: "FAILURE", metadata: { reason: "bad_password" } });
    const everything = JSON.stringify(await database.db.auditLog.findMany());
    expect(everything).not.toContain("My-Secret-Guess-1");
    expect(everything).not.toContain("My-Other-Secret-1");
  });

  it("reports the tries refused while locked once per lock window, with their count, not once each", async () => {
    const ip = "192.0.2.3";
    for (let i = 0; i < 5; i++) await signIn("locked@example.com", "Guess-password-1", ip);
    const fifth = (await signInAudit("locked@example.com")).at(-1);
    expect(fifth).toMatchObject({ outcome: "FAILURE", metadata: { reason: "unknown_email", locked: true } });
    const rowsBefore = await database.db.auditLog.count();
    for (let i = 0; i < 40; i++) {
      expect(await signIn("locked@example.com", "Guess-password-1", ip)).toEqual({
        ok: false,
        reason: "RATE_LIMITED",
      });
    }
    expect(await database.db.auditLog.count()).toBe(rowsBefore); // nothing written per refused try
    // While the window lasts there is nothing to report; once it is over, one row per key.
    expect(await reportRefusals()).toBe(0);
    const later = new Date(Date.now() + LOCKOUT_DURATION_MS + 1000);
    expect(await reportRefusals({ now: later })).toBe(2); // the email's lock and the address's
    expect(await reportRefusals({ now: later })).toBe(0);
    const reported = await database.db.auditLog.findMany({
      where: { action: REFUSALS_AUDIT_ACTION, actorLabel: { in: ["locked@example.com", ip] } },
    });
    expect(
      reported.map((r) => r.metadata as { bucket: string }).sort((a, b) => a.bucket.localeCompare(b.bucket)),
    ).toEqual([
      expect.objectContaining({ bucket: "signin:email", key: "locked@example.com", attempts: 40 }),
      expect.objectContaining({ bucket: "signin:ip", key: ip, attempts: 40 }),
    ]);
  });

  it("checks at most 5 passwords of 30 tries at once for one email from 30 addresses", async () => {
    const email = "burst@example.com";
    await database.db.user.create({
      data: {
        email,
        passwordHash: await hashPassword("Burst-Right-1"),
        role: "PATIENT",
        firstName: "Burst",
        lastName: "Target",
        emailVerifiedAt: new Date(),
      },
    });
    const tries = Array.from({ length: 30 }, (_, i) =>
      signIn(email, i === 29 ? "Burst-Right-1" : `Burst-Guess-${i}`, `198.51.100.${i + 1}`),
    );
    const results = await Promise.all(tries);
    const checked = (await signInAudit(email)).filter(
      (r) => r.outcome === "SUCCESS" || (r.metadata as { reason?: string } | null)?.reason === "bad_password",
    );
    const refused = results.filter((r) => !r.ok && r.reason === "RATE_LIMITED");
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length + refused.length).toBe(30);
    // Five wrong passwords checked lock the email, against the right password too.
    if (checked.length === 5 && !results[29]!.ok) {
      expect(await signIn(email, "Burst-Right-1", "198.51.100.200")).toEqual({
        ok: false,
        reason: "RATE_LIMITED",
      });
    }
  });
});
