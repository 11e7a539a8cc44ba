import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, resetPassword } from "@/lib/auth/account-lifecycle";
import type { TActor } from "@/lib/auth/session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { resetEnvForTests } from "@/lib/env";
import { cancelEmailChange, confirmEmailChange, requestEmailChange } from "@/lib/profile/change-email";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { getPendingEmailChange } from "@/lib/profile/queries";
import { WRONG_CURRENT_PASSWORD } from "@/lib/profile/reauthenticate";
import { DEMO } from "@/lib/seed/demo-data";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.30");

describe("changing the login email", () => {
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

  const emailOf = async (actor: TActor) =>
    (await database.db.user.findUniqueOrThrow({ where: { id: actor.userId } })).email;
  const mailsTo = (to: string) =>
    database.db.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
  const signIn = (email: string, password: string) => signInWithPassword({ email, password, context });

  it("changes the email only once the link sent to the new address is confirmed", async () => {
    const casey = await createPatientForTest(database.db);
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: " Casey.New@Example.com ",
        currentPassword: casey.password,
        context,
      }),
    ).resolves.toEqual({ newEmail: "casey.new@example.com" });

    // Nothing has changed yet; the profile shows the change as waiting.
    expect(await emailOf(casey)).toBe(casey.email);
    expect(await getPendingEmailChange({ userId: casey.userId })).toMatchObject({
      email: "casey.new@example.com",
    });
    const link = await latestEmailTo(database.db, "casey.new@example.com");
    expect(link.subject).toBe("Riverside Family Medicine: confirm your new email address");
    expect(link.text).toContain("https://pay.example.org/confirm-email?token=");
    const notice = await latestEmailTo(database.db, casey.email);
    expect(notice.subject).toBe("Riverside Family Medicine: a change of your login email was requested");
    expect(notice.text).toContain("casey.new@example.com");
    expect(notice.text).not.toContain("token=");

    const token = tokenFromEmailText(link.text);
    // Only a hash of the token is stored.
    expect(
      JSON.stringify(await database.db.verificationToken.findMany({ where: { userId: casey.userId } })),
    ).not.toContain(token);
    await expect(confirmEmailChange({ token, context })).resolves.toEqual({ email: "casey.new@example.com" });
    expect(await emailOf(casey)).toBe("casey.new@example.com");
    expect(await getPendingEmailChange({ userId: casey.userId })).toBeNull();

    // The old address is told; sign-in works with the new address only.
    const changed = await latestEmailTo(database.db, casey.email);
    expect(changed.subject).toBe("Riverside Family Medicine: your login email was changed");
    expect(changed.text).toContain("casey.new@example.com");
    expect(await signIn("casey.new@example.com", casey.password)).toMatchObject({ ok: true });
    expect(await signIn(casey.email, casey.password)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });

    // The link worked once.
    await expect(confirmEmailChange({ token, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
      userMessage: expect.stringMatching(/invalid, has expired or was already used/),
    });
  });

  it("refuses a wrong current password and sends nothing", async () => {
    const casey = await createPatientForTest(database.db);
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: "elsewhere@example.com",
        currentPassword: "Not-It-123",
        context,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
      userMessage: WRONG_CURRENT_PASSWORD,
      fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
    });
    expect(await mailsTo("elsewhere@example.com")).toEqual([]);
    expect(await mailsTo(casey.email)).toEqual([]);
    expect(await getPendingEmailChange({ userId: casey.userId })).toBeNull();
  });

  it("locks email changes after five wrong passwords, even with the right one next", async () => {
    const casey = await createPatientForTest(database.db);
    for (let i = 0; i < 4; i++) {
      await expect(
        requestEmailChange({
          actor: casey,
          newEmail: "lock@example.com",
          currentPassword: `Wrong-${i}-pass`,
          context,
        }),
      ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    }
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: "lock@example.com",
        currentPassword: "Wrong-5-pass",
        context,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: "lock@example.com",
        currentPassword: casey.password,
        context,
      }),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      userMessage: expect.stringMatching(/Too many wrong passwords/),
    });
    expect(await mailsTo("lock@example.com")).toEqual([]);
  });

  it("refuses the address the login already has", async () => {
    const casey = await createPatientForTest(database.db);
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: casey.email.toUpperCase(),
        currentPassword: casey.password,
        context,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { newEmail: ["That is already your email address."] },
    });
  });

  it("refuses an address another login uses, answering as for a free one and telling only its owner", async () => {
    const casey = await createPatientForTest(database.db);
    const patBefore = await mailsTo(DEMO.patient.email);
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: "PAT@example.com",
        currentPassword: casey.password,
        context,
      }),
    ).resolves.toEqual({ newEmail: DEMO.patient.email });

    // The requester sees the same "waiting for confirmation" as for a free address…
    expect(await getPendingEmailChange({ userId: casey.userId })).toMatchObject({
      email: DEMO.patient.email,
    });
    // …but no link exists anywhere: the owner gets a notice without one.
    const patAfter = await mailsTo(DEMO.patient.email);
    expect(patAfter).toHaveLength(patBefore.length + 1);
    expect(patAfter.at(-1)).toMatchObject({
      subject: "Riverside Family Medicine: this address is already used by a login",
    });
    expect(patAfter.at(-1)!.text).not.toContain("token=");
    expect(patAfter.at(-1)!.text).not.toContain(casey.email);
    expect(await emailOf(casey)).toBe(casey.email);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "profile.email_change_request", actorUserId: casey.userId },
    });
    expect(audit).toMatchObject({
      outcome: "FAILURE",
      metadata: { reason: "email_taken", to: DEMO.patient.email },
    });
  });

  it("refuses the change at confirmation when the address was taken in the meantime", async () => {
    const casey = await createPatientForTest(database.db);
    await requestEmailChange({
      actor: casey,
      newEmail: "race@example.com",
      currentPassword: casey.password,
      context,
    });
    const token = tokenFromEmailText((await latestEmailTo(database.db, "race@example.com")).text);
    await createPatientForTest(database.db, { email: "race@example.com" });
    await expect(confirmEmailChange({ token, context })).rejects.toMatchObject({
      code: "EMAIL_TAKEN",
      userMessage:
        "race@example.com now belongs to another login, so the email of your login was not changed.",
    });
    expect(await emailOf(casey)).toBe(casey.email);
  });

  it("refuses an expired link, and a link made up", async () => {
    const casey = await createPatientForTest(database.db);
    await requestEmailChange({
      actor: casey,
      newEmail: "late@example.com",
      currentPassword: casey.password,
      context,
    });
    const token = tokenFromEmailText((await latestEmailTo(database.db, "late@example.com")).text);
    await database.db.verificationToken.updateMany({
      where: { userId: casey.userId, purpose: "CHANGE_EMAIL" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(confirmEmailChange({ token, context })).rejects.toMatchObject({ code: "TOKEN_INVALID" });
    await expect(confirmEmailChange({ token: "made-up-token-value", context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    expect(await emailOf(casey)).toBe(casey.email);
  });

  it("honours only the newest link, and none after the change is cancelled", async () => {
    const casey = await createPatientForTest(database.db);
    await requestEmailChange({
      actor: casey,
      newEmail: "first@example.com",
      currentPassword: casey.password,
      context,
    });
    const first = tokenFromEmailText((await latestEmailTo(database.db, "first@example.com")).text);
    await requestEmailChange({
      actor: casey,
      newEmail: "second@example.com",
      currentPassword: casey.password,
      context,
    });
    const second = tokenFromEmailText((await latestEmailTo(database.db, "second@example.com")).text);
    await expect(confirmEmailChange({ token: first, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });

    await cancelEmailChange({ actor: casey, context });
    expect(await getPendingEmailChange({ userId: casey.userId })).toBeNull();
    await expect(confirmEmailChange({ token: second, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    expect(await emailOf(casey)).toBe(casey.email);
  });

  it("does not accept a password-reset link as an email-change link", async () => {
    const casey = await createPatientForTest(database.db);
    await requestPasswordReset({ email: casey.email, context });
    const reset = tokenFromEmailText((await latestEmailTo(database.db, casey.email, "reset")).text);
    await expect(confirmEmailChange({ token: reset, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
  });

  it("makes a reset link sent to the old address useless once the email has changed", async () => {
    const casey = await createPatientForTest(database.db);
    await requestPasswordReset({ email: casey.email, context });
    const reset = tokenFromEmailText((await latestEmailTo(database.db, casey.email, "reset")).text);
    await requestEmailChange({
      actor: casey,
      newEmail: "moved@example.com",
      currentPassword: casey.password,
      context,
    });
    await confirmEmailChange({
      token: tokenFromEmailText((await latestEmailTo(database.db, "moved@example.com")).text),
      context,
    });
    await expect(resetPassword({ token: reset, password: "Taken-Over-99", context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
  });

  it("sends at most three change links an hour for one login", async () => {
    const casey = await createPatientForTest(database.db);
    for (const n of [1, 2, 3]) {
      await requestEmailChange({
        actor: casey,
        newEmail: `flood${n}@example.com`,
        currentPassword: casey.password,
        context,
      });
    }
    await expect(
      requestEmailChange({
        actor: casey,
        newEmail: "flood4@example.com",
        currentPassword: casey.password,
        context,
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await mailsTo("flood4@example.com")).toEqual([]);
  });

  it("audits requests and changes with the addresses, never a token or password", async () => {
    const rows = await database.db.auditLog.findMany({
      where: { action: { startsWith: "profile.email_change" } },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "profile.email_change_request",
        "profile.email_change",
        "profile.email_change_cancel",
      ]),
    );
    expect(rows.find((r) => r.action === "profile.email_change" && r.outcome === "SUCCESS")).toMatchObject({
      metadata: { to: "casey.new@example.com" },
    });
    const serialized = JSON.stringify(rows);
    expect(serialized).not.toMatch(/token=|Casey-Tester-1|Wrong-\d-pass/);
  });
});
