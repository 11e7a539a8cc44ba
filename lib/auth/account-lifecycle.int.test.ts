import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  requestPasswordReset,
  resetPassword,
  SIGN_UP_RATE_LIMITED,
  signUp,
  verifyEmail,
} from "@/lib/auth/account-lifecycle";
import { sendVerificationEmail } from "@/lib/auth/verification-email";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { resetEnvForTests } from "@/lib/env";
import { DEMO } from "@/lib/seed/demo-data";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.10");

const signIn = (email: string, password: string) => signInWithPassword({ email, password, context });
const newPatient = (email: string) => ({
  firstName: " Robin ",
  lastName: " Lee ",
  email,
  password: "Robin-Lee-2026",
  context,
});

describe("account lifecycle", () => {
  beforeAll(() => {
    // No SMTP server: every message is kept in the outbox table, where these tests read it.
    vi.stubEnv("SMTP_URL", undefined);
    vi.stubEnv("NEXTAUTH_URL", "https://pay.example.org");
    resetEnvForTests();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });
  beforeEach(async () => {
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
  });

  describe("signUp", () => {
    it("takes at most 10 sign-ups an hour from one client address, then says so and makes nothing", async () => {
      const from = requestFrom("198.51.100.77");
      for (let i = 0; i < 10; i++) {
        await expect(
          signUp({ ...newPatient(`ip.${i}@example.com`), context: from }),
        ).resolves.toBeUndefined();
      }
      await expect(signUp({ ...newPatient("ip.10@example.com"), context: from })).rejects.toMatchObject({
        code: "RATE_LIMITED",
        userMessage: SIGN_UP_RATE_LIMITED,
      });
      expect(await database.db.user.count({ where: { email: { startsWith: "ip." } } })).toBe(10);
      expect(await database.db.outboxEmail.count({ where: { to: { startsWith: "ip." } } })).toBe(10);
      // Another address is not held back by it.
      await expect(
        signUp({ ...newPatient("elsewhere@example.com"), context: requestFrom("198.51.100.78") }),
      ).resolves.toBeUndefined();
    });

    it("20 sign-ups at once from one address make at most 10 logins and send at most 10 emails", async () => {
      const from = requestFrom("198.51.100.79");
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          signUp({ ...newPatient(`burst.${i}@example.com`), context: from }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
      expect(await database.db.user.count({ where: { email: { startsWith: "burst." } } })).toBe(10);
      expect(await database.db.outboxEmail.count({ where: { to: { startsWith: "burst." } } })).toBe(10);
    });

    it("20 sign-ups at once for one new address make one login and at most 4 emails to it", async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          signUp({ ...newPatient("target@example.com"), context: requestFrom(`198.51.100.${100 + i}`) }),
        ),
      );
      expect(results.every((r) => r.status === "fulfilled")).toBe(true);
      expect(await database.db.user.count({ where: { email: "target@example.com" } })).toBe(1);
      // One verification link, and at most three "someone tried to sign up" notices an hour.
      expect(
        await database.db.outboxEmail.count({ where: { to: "target@example.com" } }),
      ).toBeLessThanOrEqual(4);
    });

    it("creates an unverified patient login and emails a verification link", async () => {
      await signUp(newPatient(" Robin.Lee@Example.com "));
      const user = await database.db.user.findUniqueOrThrow({ where: { email: "robin.lee@example.com" } });
      expect(user).toMatchObject({
        role: "PATIENT",
        firstName: "Robin",
        lastName: "Lee",
        emailVerifiedAt: null,
      });
      expect(user.passwordHash).not.toContain("Robin-Lee-2026");

      const email = await latestEmailTo(database.db, "robin.lee@example.com");
      expect(email.status).toBe("STORED");
      expect(email.subject).toBe("Riverside Family Medicine: confirm your email address");
      expect(email.text).toContain("https://pay.example.org/verify-email?token=");
    });

    it("carries a path of ours (an invitation's page) through the verification link, and nothing else", async () => {
      await signUp({
        ...newPatient("invited.signup@example.com"),
        callbackUrl: "/account-invitation?token=abc-def",
        context: requestFrom("198.51.100.90"),
      });
      const carried = (await latestEmailTo(database.db, "invited.signup@example.com")).text;
      expect(carried).toMatch(
        /https:\/\/pay\.example\.org\/verify-email\?token=[^\s&]+&callbackUrl=%2Faccount-invitation%3Ftoken%3Dabc-def/,
      );
      for (const [i, foreign] of [
        "https://evil.example/x",
        "//evil.example/x",
        "/\\evil.example",
      ].entries()) {
        const address = `foreign.${i}@example.com`;
        await signUp({ ...newPatient(address), callbackUrl: foreign, context: requestFrom("198.51.100.91") });
        const text = (await latestEmailTo(database.db, address)).text;
        expect(text).toContain("https://pay.example.org/verify-email?token=");
        expect(text).not.toContain("callbackUrl");
        expect(text).not.toContain("evil");
      }
    });

    it("does not let the new login in before the email is verified", async () => {
      expect(await signIn("robin.lee@example.com", "Robin-Lee-2026")).toEqual({
        ok: false,
        reason: "EMAIL_NOT_VERIFIED",
      });
    });

    it("verifies the email with the emailed link, which then works once only", async () => {
      const token = tokenFromEmailText((await latestEmailTo(database.db, "robin.lee@example.com")).text);
      await verifyEmail({ token, context });
      const user = await database.db.user.findUniqueOrThrow({ where: { email: "robin.lee@example.com" } });
      expect(user.emailVerifiedAt).toBeInstanceOf(Date);
      expect(await signIn("robin.lee@example.com", "Robin-Lee-2026")).toMatchObject({ ok: true });
      await expect(verifyEmail({ token, context })).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    });

    it("refuses a made-up or mangled verification token", async () => {
      await expect(verifyEmail({ token: "made-up-token-value", context })).rejects.toMatchObject({
        code: "TOKEN_INVALID",
        userMessage: expect.stringMatching(/invalid or has expired/),
      });
    });

    it("invalidates an earlier verification link when a new one is sent", async () => {
      await signUp(newPatient("sam.two@example.com"));
      const user = await database.db.user.findUniqueOrThrow({ where: { email: "sam.two@example.com" } });
      const first = tokenFromEmailText((await latestEmailTo(database.db, "sam.two@example.com")).text);
      await sendVerificationEmail({ userId: user.id, email: user.email });
      const emails = await database.db.outboxEmail.findMany({
        where: { to: "sam.two@example.com" },
        orderBy: { createdAt: "asc" },
      });
      expect(emails).toHaveLength(2);
      const second = tokenFromEmailText(emails[1]!.text);
      expect(second).not.toBe(first);
      await expect(verifyEmail({ token: first, context })).rejects.toMatchObject({ code: "TOKEN_INVALID" });
      await verifyEmail({ token: second, context });
    });

    it("with a taken email, creates nothing and tells the owner instead", async () => {
      const usersBefore = await database.db.user.count();
      const pat = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
      await expect(signUp(newPatient("PAT@example.com"))).resolves.toBeUndefined();

      expect(await database.db.user.count()).toBe(usersBefore);
      const after = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
      expect(after.passwordHash).toBe(pat.passwordHash);
      expect(after.firstName).toBe("Pat");

      const email = await latestEmailTo(database.db, DEMO.patient.email);
      expect(email.subject).toBe("Riverside Family Medicine: someone tried to sign up with your email");
      expect(email.text).toContain("https://pay.example.org/forgot-password");
      expect(email.text).not.toContain("token=");
      expect(await signIn(DEMO.patient.email, DEMO.patient.password)).toMatchObject({ ok: true });
    });

    it("audits both outcomes", async () => {
      const rows = await database.db.auditLog.findMany({ where: { action: "auth.sign_up" } });
      expect(rows.map((r) => [r.actorLabel, r.outcome])).toEqual(
        expect.arrayContaining([
          ["robin.lee@example.com", "SUCCESS"],
          ["pat@example.com", "FAILURE"],
        ]),
      );
    });
  });

  describe("password reset", () => {
    it("sends nothing for an unknown email, and answers the same", async () => {
      const before = await database.db.outboxEmail.count();
      await expect(requestPasswordReset({ email: "nobody@example.com", context })).resolves.toBeUndefined();
      expect(await database.db.outboxEmail.count()).toBe(before);
      const audit = await database.db.auditLog.findFirstOrThrow({
        where: { action: "auth.password_reset_requested", actorLabel: "nobody@example.com" },
      });
      expect(audit.outcome).toBe("FAILURE");
    });

    it("sends nothing to a disabled login", async () => {
      await database.db.user.update({ where: { email: DEMO.admin.email }, data: { disabledAt: new Date() } });
      const before = await database.db.outboxEmail.count();
      await requestPasswordReset({ email: DEMO.admin.email, context });
      expect(await database.db.outboxEmail.count()).toBe(before);
    });

    it("resets the password with the emailed link, signs out other sessions, and the link works once", async () => {
      const before = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
      await requestPasswordReset({ email: " Staff@Example.com ", context });
      const email = await latestEmailTo(database.db, DEMO.staff.email, "reset your password");
      expect(email.text).toContain("https://pay.example.org/reset-password?token=");
      const token = tokenFromEmailText(email.text);

      await resetPassword({ token, password: "Brand-New-Staff-9", context });
      const after = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(after.passwordHash).not.toBe(before.passwordHash);
      expect(await signIn(DEMO.staff.email, DEMO.staff.password)).toEqual({
        ok: false,
        reason: "INVALID_CREDENTIALS",
      });
      expect(await signIn(DEMO.staff.email, "Brand-New-Staff-9")).toMatchObject({
        ok: true,
        user: { sessionVersion: before.sessionVersion + 1 },
      });

      await expect(resetPassword({ token, password: "Another-Staff-9", context })).rejects.toMatchObject({
        code: "TOKEN_INVALID",
      });
      expect(await signIn(DEMO.staff.email, "Brand-New-Staff-9")).toMatchObject({ ok: true });
    });

    it("honours only the newest reset link", async () => {
      await requestPasswordReset({ email: DEMO.patient.email, context });
      const first = tokenFromEmailText((await latestEmailTo(database.db, DEMO.patient.email, "reset")).text);
      await requestPasswordReset({ email: DEMO.patient.email, context });
      const emails = await database.db.outboxEmail.findMany({
        where: { to: DEMO.patient.email, subject: { contains: "reset your password" } },
        orderBy: { createdAt: "asc" },
      });
      const second = tokenFromEmailText(emails.at(-1)!.text);
      expect(second).not.toBe(first);
      await expect(
        resetPassword({ token: first, password: "Pat-New-Pass-1", context }),
      ).rejects.toMatchObject({
        code: "TOKEN_INVALID",
      });
      await resetPassword({ token: second, password: "Pat-New-Pass-2", context });
      expect(await signIn(DEMO.patient.email, "Pat-New-Pass-2")).toMatchObject({ ok: true });
    });

    it("does not accept a verification link as a reset link", async () => {
      await signUp(newPatient("kim.park@example.com"));
      const verifyToken = tokenFromEmailText((await latestEmailTo(database.db, "kim.park@example.com")).text);
      await expect(
        resetPassword({ token: verifyToken, password: "Hijacked-Pass-1", context }),
      ).rejects.toMatchObject({
        code: "TOKEN_INVALID",
      });
    });

    it("sends at most three reset emails an hour to one address, and answers the same after", async () => {
      await signUp(newPatient("lee.flood@example.com"));
      const resetsTo = () =>
        database.db.outboxEmail.count({
          where: { to: "lee.flood@example.com", subject: { contains: "reset your password" } },
        });
      for (let i = 0; i < 5; i++) {
        await expect(
          requestPasswordReset({ email: "lee.flood@example.com", context }),
        ).resolves.toBeUndefined();
      }
      expect(await resetsTo()).toBe(3);
    });

    it("keeps only a hash of each emailed token", async () => {
      const emails = await database.db.outboxEmail.findMany({ where: { text: { contains: "token=" } } });
      const tokens = emails.map((e) => tokenFromEmailText(e.text));
      const stored = JSON.stringify(await database.db.verificationToken.findMany());
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) expect(stored).not.toContain(token);
    });
  });
});
