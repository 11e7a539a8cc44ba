import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { loadSession } from "@/lib/auth/user-session";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { isAppError } from "@/lib/errors";
import { isSecondFactorRecent, secondFactorOwed } from "@/lib/auth/mfa/policy";
import {
  confirmEnrolment,
  disableTotp,
  enrolmentSecret,
  verifySecondFactor,
  type TSecondFactorUser,
} from "@/lib/auth/mfa/second-factor";
import { totpCode } from "@/lib/auth/mfa/totp";
import { DEMO } from "@/lib/seed/demo-data";
import { passSecondFactor, requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.77");
const T0 = new Date("2026-12-06T15:00:05Z");
const clock = fixedClock(T0);

const signIn = async (who: { email: string; password: string }): Promise<TSecondFactorUser> => {
  const result = await signInWithPassword({ ...who, context });
  if (!result.ok) throw new Error(result.reason);
  return {
    sessionId: result.user.sessionId,
    userId: result.user.id,
    email: who.email,
    role: result.user.role,
  };
};

const owedOf = async (user: TSecondFactorUser) => {
  const { sessionVersion } = await database.db.user.findUniqueOrThrow({ where: { id: user.userId } });
  const session = await loadSession(user.sessionId, user.userId, sessionVersion);
  return session ? secondFactorOwed(session) : "ended";
};

/** The error code a use case failed with (or "none"). */
const failure = async (work: Promise<unknown>) => {
  try {
    await work;
    return "none";
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
};

/** The test's own audit rows (the log is kept across tests), by real time. */
let testStartedAt = new Date();
const audits = (userId: string, action: string) =>
  database.db.auditLog.findMany({
    where: { actorUserId: userId, action, createdAt: { gte: testStartedAt } },
    orderBy: { createdAt: "asc" },
  });

const enrol = async (user: TSecondFactorUser) => {
  const enrolment = await enrolmentSecret(user);
  if (!enrolment) throw new Error("already enrolled");
  const { recoveryCodes } = await confirmEnrolment({
    user,
    code: totpCode(enrolment.secret, clock.now()),
    context,
  });
  return { secret: enrolment.secret, recoveryCodes };
};

describe("the second factor (TOTP and recovery codes)", () => {
  beforeEach(async () => {
    testStartedAt = new Date();
    clock.set(T0);
    setClockForTests(clock);
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
    await database.db.recoveryCode.deleteMany();
    await database.db.user.updateMany({
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
  });
  afterEach(() => setClockForTests(undefined));

  it("a staff session owes enrolment, a patient's nothing until the patient turns TOTP on", async () => {
    const staff = await signIn(DEMO.staff);
    expect(await owedOf(staff)).toBe("enrol");
    // The integration tests' helper passes it as the code page would.
    await passSecondFactor(database.db, staff.sessionId);
    expect(await owedOf(staff)).toBe("none");
    expect(await owedOf(await signIn(DEMO.admin))).toBe("enrol");
    expect(await owedOf(await signIn(DEMO.patient))).toBe("none");
  });

  it("enrols with a code of the session's secret: sealed at rest, ten hashed recovery codes, the session passed", async () => {
    const staff = await signIn(DEMO.staff);
    const first = await enrolmentSecret(staff);
    // A reload shows the same secret (kept, sealed, on the session row).
    expect((await enrolmentSecret(staff))?.secret).toBe(first?.secret);
    expect(first?.uri).toContain("otpauth://totp/");
    const pending = await database.db.userSession.findUniqueOrThrow({ where: { id: staff.sessionId } });
    expect(pending.totpPendingSecret).toMatch(/^v1\./);
    expect(pending.totpPendingSecret).not.toContain(first!.secret);

    expect(await failure(confirmEnrolment({ user: staff, code: "000000", context }))).toBe("VALIDATION");
    expect(await audits(staff.userId, "mfa.enrol_failed")).toHaveLength(1);
    expect(await owedOf(staff)).toBe("enrol");

    const { recoveryCodes } = await confirmEnrolment({
      user: staff,
      code: totpCode(first!.secret, T0),
      context,
    });
    expect(recoveryCodes).toHaveLength(10);
    const user = await database.db.user.findUniqueOrThrow({ where: { id: staff.userId } });
    expect(user.totpEnabledAt).toEqual(T0);
    expect(user.totpSecret).toMatch(/^v1\./);
    expect(user.totpSecret).not.toContain(first!.secret);
    const stored = await database.db.recoveryCode.findMany({ where: { userId: staff.userId } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.map((s) => s.codeHash)).not.toContain(code);
    expect(await owedOf(staff)).toBe("none");
    expect(await audits(staff.userId, "mfa.totp_enrolled")).toHaveLength(1);
    // Enrolled: no second enrolment.
    expect(await enrolmentSecret(staff)).toBeNull();
  });

  it("a later sign-in owes a code; a code is accepted once (its step and earlier ones are refused)", async () => {
    const { secret } = await enrol(await signIn(DEMO.staff));
    const next = await signIn(DEMO.staff);
    expect(await owedOf(next)).toBe("code");
    // The enrolment's own code (same step): a replay.
    expect(await failure(verifySecondFactor({ user: next, code: totpCode(secret, T0), context }))).toBe(
      "VALIDATION",
    );
    expect(await owedOf(next)).toBe("code");
    clock.advance(30_000);
    const code = totpCode(secret, clock.now());
    expect(await verifySecondFactor({ user: next, code, context })).toMatchObject({ method: "totp" });
    expect(await owedOf(next)).toBe("none");
    const third = await signIn(DEMO.staff);
    expect(await failure(verifySecondFactor({ user: third, code, context }))).toBe("VALIDATION");
    const failed = await audits(next.userId, "mfa.failed");
    expect(failed.map((a) => (a.metadata as { reason: string }).reason)).toEqual([
      "replayed_code",
      "replayed_code",
    ]);
    expect(await audits(next.userId, "mfa.verified")).toHaveLength(1);
  });

  it("a code two steps off is refused, one step off is taken", async () => {
    const { secret } = await enrol(await signIn(DEMO.admin));
    clock.advance(5 * 60_000);
    const session = await signIn(DEMO.admin);
    const at = (steps: number) => new Date(clock.now().getTime() + steps * 30_000);
    expect(
      await failure(verifySecondFactor({ user: session, code: totpCode(secret, at(-2)), context })),
    ).toBe("VALIDATION");
    expect(await failure(verifySecondFactor({ user: session, code: totpCode(secret, at(1)), context }))).toBe(
      "none",
    );
  });

  it("a recovery code works once", async () => {
    const { recoveryCodes } = await enrol(await signIn(DEMO.staff));
    const session = await signIn(DEMO.staff);
    const code = recoveryCodes[3]!;
    expect(await verifySecondFactor({ user: session, code: code.toUpperCase(), context })).toEqual({
      method: "recovery_code",
      remainingRecoveryCodes: 9,
    });
    expect(await owedOf(session)).toBe("none");
    const again = await signIn(DEMO.staff);
    expect(await failure(verifySecondFactor({ user: again, code, context }))).toBe("VALIDATION");
    expect(await owedOf(again)).toBe("code");
    expect(await audits(session.userId, "mfa.recovery_code_used")).toHaveLength(1);
  });

  it("five wrong codes lock the code check for the user, the right one included", async () => {
    const { secret } = await enrol(await signIn(DEMO.staff));
    const session = await signIn(DEMO.staff);
    for (let i = 0; i < 5; i += 1) {
      expect(await failure(verifySecondFactor({ user: session, code: "123456", context }))).toBe(
        "VALIDATION",
      );
    }
    clock.advance(30_000);
    expect(
      await failure(verifySecondFactor({ user: session, code: totpCode(secret, clock.now()), context })),
    ).toBe("RATE_LIMITED");
    expect(await owedOf(session)).toBe("code");
  });

  it("a step-up marks the session's second factor again; fifteen minutes later it is stale", async () => {
    const staff = await signIn(DEMO.staff);
    const { secret } = await enrol(staff);
    const passed = await database.db.userSession.findUniqueOrThrow({ where: { id: staff.sessionId } });
    expect(isSecondFactorRecent(passed.secondFactorAt, new Date(T0.getTime() + 15 * 60_000))).toBe(true);
    expect(isSecondFactorRecent(passed.secondFactorAt, new Date(T0.getTime() + 15 * 60_000 + 1))).toBe(false);
    expect(isSecondFactorRecent(null, T0)).toBe(false);
    clock.advance(20 * 60_000);
    await verifySecondFactor({ user: staff, code: totpCode(secret, clock.now()), context });
    const renewed = await database.db.userSession.findUniqueOrThrow({ where: { id: staff.sessionId } });
    expect(renewed.secondFactorAt).toEqual(clock.now());
    const [verified] = await audits(staff.userId, "mfa.verified");
    expect(verified?.metadata).toMatchObject({ stepUp: true });
  });

  it("a patient turns TOTP off with a code; staff cannot", async () => {
    const patient = await signIn(DEMO.patient);
    const { secret } = await enrol(patient);
    expect(await owedOf(await signIn(DEMO.patient))).toBe("code");
    expect(await failure(disableTotp({ user: patient, code: "000000", context }))).toBe("VALIDATION");
    clock.advance(30_000);
    await disableTotp({ user: patient, code: totpCode(secret, clock.now()), context });
    const user = await database.db.user.findUniqueOrThrow({ where: { id: patient.userId } });
    expect(user).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await database.db.recoveryCode.count({ where: { userId: patient.userId } })).toBe(0);
    expect(await owedOf(await signIn(DEMO.patient))).toBe("none");
    expect(await audits(patient.userId, "mfa.totp_disabled")).toHaveLength(1);

    const staff = await signIn(DEMO.staff);
    const enrolled = await enrol(staff);
    clock.advance(30_000);
    expect(
      await failure(disableTotp({ user: staff, code: totpCode(enrolled.secret, clock.now()), context })),
    ).toBe("FORBIDDEN");
  });
});
