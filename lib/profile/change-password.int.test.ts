import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, resetPassword } from "@/lib/auth/account-lifecycle";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { resetEnvForTests } from "@/lib/env";
import { changePassword } from "@/lib/profile/change-password";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { WRONG_CURRENT_PASSWORD } from "@/lib/profile/reauthenticate";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();
const context = requestFrom("203.0.113.40");

describe("changing the password", () => {
  beforeAll(() => {
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

  const userOf = (userId: string) => database.db.user.findUniqueOrThrow({ where: { id: userId } });
  const signIn = (email: string, password: string) => signInWithPassword({ email, password, context });

  it("sets the new password, signs out every session (a new sessionVersion) and emails the user", async () => {
    const casey = await createPatientForTest(database.db);
    const before = await userOf(casey.userId);
    await expect(
      changePassword({
        actor: casey,
        currentPassword: casey.password,
        newPassword: "Brand-New-Pass-7",
        context,
      }),
    ).resolves.toEqual({ sessionVersion: before.sessionVersion + 1 });

    const after = await userOf(casey.userId);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.passwordHash).not.toContain("Brand-New-Pass-7");
    expect(await signIn(casey.email, casey.password)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await signIn(casey.email, "Brand-New-Pass-7")).toMatchObject({
      ok: true,
      user: { sessionVersion: before.sessionVersion + 1 },
    });
    const mail = await latestEmailTo(database.db, casey.email);
    expect(mail.subject).toBe("Riverside Family Medicine: your password was changed");
    expect(mail.text).toContain("Every other browser and device signed in to it was signed out.");
    expect(mail.text).not.toContain("Brand-New-Pass-7");
  });

  it("refuses a wrong current password under the field, and changes nothing", async () => {
    const casey = await createPatientForTest(database.db);
    const before = await userOf(casey.userId);
    await expect(
      changePassword({
        actor: casey,
        currentPassword: "Not-My-Pass-1",
        newPassword: "Brand-New-Pass-7",
        context,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
      fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
    });
    const after = await userOf(casey.userId);
    expect(after).toMatchObject({ passwordHash: before.passwordHash, sessionVersion: before.sessionVersion });
    expect(await database.db.outboxEmail.count({ where: { to: casey.email } })).toBe(0);
    expect(await signIn(casey.email, casey.password)).toMatchObject({ ok: true });
  });

  it("locks password changes after five wrong current passwords", async () => {
    const casey = await createPatientForTest(database.db);
    for (let i = 0; i < 4; i++) {
      await expect(
        changePassword({
          actor: casey,
          currentPassword: `Wrong-${i}-pass`,
          newPassword: "Brand-New-Pass-7",
          context,
        }),
      ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    }
    await expect(
      changePassword({
        actor: casey,
        currentPassword: "Wrong-5-pass",
        newPassword: "Brand-New-Pass-7",
        context,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(
      changePassword({
        actor: casey,
        currentPassword: casey.password,
        newPassword: "Brand-New-Pass-7",
        context,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await signIn(casey.email, casey.password)).toMatchObject({ ok: true });
  });

  it("makes an unused reset link useless", async () => {
    const casey = await createPatientForTest(database.db);
    await requestPasswordReset({ email: casey.email, context });
    const reset = tokenFromEmailText((await latestEmailTo(database.db, casey.email, "reset")).text);
    await changePassword({
      actor: casey,
      currentPassword: casey.password,
      newPassword: "Brand-New-Pass-7",
      context,
    });
    await expect(resetPassword({ token: reset, password: "Someone-Else-9", context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    expect(await signIn(casey.email, "Brand-New-Pass-7")).toMatchObject({ ok: true });
  });

  it("audits successes and failures without any password", async () => {
    const rows = await database.db.auditLog.findMany({ where: { action: "profile.password_change" } });
    expect(rows.filter((r) => r.outcome === "SUCCESS")).toHaveLength(2);
    // The fifth wrong password says it locked the changes; refused tries are counted on the lock
    // and reported once per window (lib/rate-limit/lockout.ts), not audited one by one.
    expect(rows.filter((r) => r.outcome === "FAILURE").map((r) => r.metadata)).toEqual(
      expect.arrayContaining([{ reason: "wrong_password" }, { reason: "wrong_password", locked: true }]),
    );
    expect(JSON.stringify(rows)).not.toMatch(/Pass-7|Casey-Tester-1|Wrong-\d-pass|Not-My-Pass/);
  });
});
