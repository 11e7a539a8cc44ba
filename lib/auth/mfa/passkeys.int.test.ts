import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { loadSession } from "@/lib/auth/user-session";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { isAppError } from "@/lib/errors";
import { secondFactorOwed } from "@/lib/auth/mfa/policy";
import {
  LAST_FACTOR_MESSAGE,
  passkeyRegistrationOptions,
  passkeySecondFactorOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
} from "@/lib/auth/mfa/passkeys";
import { verifyPasskeySecondFactor, type TSecondFactorUser } from "@/lib/auth/mfa/second-factor";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { softPasskey, type TSoftPasskey } from "@/lib/test/soft-authenticator";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.78");
const T0 = new Date("2026-12-06T15:00:05Z");
const clock = fixedClock(T0);

type TSignedIn = TSecondFactorUser & { name: string };

const signIn = async (who: { email: string; password: string }): Promise<TSignedIn> => {
  const result = await signInWithPassword({ ...who, context });
  if (!result.ok) throw new Error(result.reason);
  return {
    sessionId: result.user.sessionId,
    userId: result.user.id,
    email: who.email,
    role: result.user.role,
    name: result.user.name,
  };
};

const owedOf = async (user: TSecondFactorUser) => {
  const { sessionVersion } = await database.db.user.findUniqueOrThrow({ where: { id: user.userId } });
  const session = await loadSession(user.sessionId, user.userId, sessionVersion);
  return session ? secondFactorOwed(session) : "ended";
};

/** The error a use case failed with (code and message), or "none". */
const failure = async (work: Promise<unknown>) => {
  try {
    await work;
    return "none";
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
};

let testStartedAt = new Date();
const audits = (userId: string, action: string) =>
  database.db.auditLog.findMany({
    where: { actorUserId: userId, action, createdAt: { gte: testStartedAt } },
    orderBy: { createdAt: "asc" },
  });

/** Adds a software passkey to the user's login as the profile's button does; returns it and its row id. */
const addPasskey = async (user: TSignedIn): Promise<TSoftPasskey & { id: string }> => {
  const key = softPasskey();
  const { challengeId, options } = await passkeyRegistrationOptions(user);
  const row = await registerPasskey({ user, challengeId, response: key.register(options), context });
  return Object.assign(key, { id: row.id });
};

/** The second step with a passkey, as the code page's button does. */
const passkeyStep = async (user: TSecondFactorUser, key: TSoftPasskey, how?: { tamper?: boolean }) => {
  const { challengeId, options } = await passkeySecondFactorOptions(user);
  return verifyPasskeySecondFactor({ user, challengeId, response: key.answer(options, how), context });
};

describe("a passkey as the second step after the password", () => {
  beforeEach(async () => {
    testStartedAt = new Date();
    clock.set(T0);
    setClockForTests(clock);
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
    await database.db.recoveryCode.deleteMany();
    await database.db.passkey.deleteMany();
    await database.db.webauthnChallenge.deleteMany();
    await database.db.user.updateMany({
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
  });
  afterEach(() => setClockForTests(undefined));

  it("a staff member with only a passkey is enrolled: the password then the passkey signs in, audited with the factor", async () => {
    const first = await signIn(DEMO.staff);
    expect(await owedOf(first)).toBe("enrol");
    await database.db.userSession.update({ where: { id: first.sessionId }, data: { secondFactorAt: T0 } });
    const key = await addPasskey(first);

    const session = await signIn(DEMO.staff);
    expect(await owedOf(session)).toBe("code");
    expect(await passkeyStep(session, key)).toMatchObject({ method: "passkey" });
    expect(await owedOf(session)).toBe("none");
    const row = await database.db.userSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row.secondFactorAt).toEqual(T0);
    const stored = await database.db.passkey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.lastUsedAt).not.toBeNull();
    expect(stored.counter).toBe(1n);
    const [verified] = await audits(session.userId, "mfa.verified");
    expect(verified?.metadata).toMatchObject({ method: "passkey", stepUp: false });
  });

  it("a challenge works once and only for the session it was given to; another's passkey and a forged answer are refused; each failure audited", async () => {
    const owner = await signIn(DEMO.staff);
    await database.db.userSession.update({ where: { id: owner.sessionId }, data: { secondFactorAt: T0 } });
    const key = await addPasskey(owner);
    const admin = await signIn(DEMO.admin);
    await database.db.userSession.update({ where: { id: admin.sessionId }, data: { secondFactorAt: T0 } });
    const adminKey = await addPasskey(admin);

    const session = await signIn(DEMO.staff);
    const { challengeId, options } = await passkeySecondFactorOptions(session);
    const response = key.answer(options);
    // Answered from another session of the same user: refused.
    const other = await signIn(DEMO.staff);
    expect(await failure(verifyPasskeySecondFactor({ user: other, challengeId, response, context }))).toBe(
      "VALIDATION",
    );
    expect(await owedOf(other)).toBe("code");
    // The admin's own passkey answering the staff member's challenge; a forged answer.
    expect(await failure(passkeyStep(other, adminKey))).toBe("VALIDATION");
    expect(await failure(passkeyStep(other, key, { tamper: true }))).toBe("VALIDATION");
    expect(await owedOf(other)).toBe("code");
    // The session it was given to passes with it, once: the same answer again is refused.
    await verifyPasskeySecondFactor({ user: session, challengeId, response, context });
    expect(await owedOf(session)).toBe("none");
    expect(await failure(verifyPasskeySecondFactor({ user: session, challengeId, response, context }))).toBe(
      "VALIDATION",
    );
    const failed = (await audits(owner.userId, "mfa.failed")).map((a) => a.metadata);
    expect(failed).toEqual([
      { method: "passkey", reason: "challenge" },
      { method: "passkey", reason: "unknown_passkey" },
      { method: "passkey", reason: "not_verified" },
      { method: "passkey", reason: "challenge" },
    ]);
    expect(await owedOf(other)).toBe("code");
  });

  it("five failures lock the second step for the user, a good passkey included", async () => {
    const first = await signIn(DEMO.staff);
    await database.db.userSession.update({ where: { id: first.sessionId }, data: { secondFactorAt: T0 } });
    const key = await addPasskey(first);
    const session = await signIn(DEMO.staff);
    for (let i = 0; i < 5; i += 1)
      expect(await failure(passkeyStep(session, key, { tamper: true }))).toBe("VALIDATION");
    expect(await failure(passkeyStep(session, key))).toBe("RATE_LIMITED");
    expect(await owedOf(session)).toBe("code");
    const failed = await audits(session.userId, "mfa.failed");
    expect(failed.at(-1)?.metadata).toMatchObject({ locked: true });
  });

  it("a patient with two-step sign-in on may use a passkey for it; a patient's passkey alone adds no second step", async () => {
    const patient = await signIn(DEMO.patient);
    const key = await addPasskey(patient);
    expect(await owedOf(await signIn(DEMO.patient))).toBe("none");
    await database.db.user.update({ where: { id: patient.userId }, data: { totpEnabledAt: T0 } });
    const session = await signIn(DEMO.patient);
    expect(await owedOf(session)).toBe("code");
    await passkeyStep(session, key);
    expect(await owedOf(session)).toBe("none");
  });

  it("a passkey is a step-up too: the session's second factor is marked again", async () => {
    const staff = await signIn(DEMO.staff);
    await database.db.userSession.update({ where: { id: staff.sessionId }, data: { secondFactorAt: T0 } });
    const key = await addPasskey(staff);
    clock.advance(20 * 60_000);
    await passkeyStep(staff, key);
    const renewed = await database.db.userSession.findUniqueOrThrow({ where: { id: staff.sessionId } });
    expect(renewed.secondFactorAt).toEqual(clock.now());
    const [verified] = await audits(staff.userId, "mfa.verified");
    expect(verified?.metadata).toMatchObject({ method: "passkey", stepUp: true });
  });
});

describe("renaming and removing passkeys", () => {
  beforeEach(async () => {
    testStartedAt = new Date();
    await database.db.passkey.deleteMany();
    await database.db.user.updateMany({
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
  });

  const signedInStaff = async () => {
    const staff = await signIn(DEMO.staff);
    await database.db.userSession.update({
      where: { id: staff.sessionId },
      data: { secondFactorAt: new Date() },
    });
    return staff;
  };

  it("renames one's own passkey, audited with both names; another's is not found and unchanged", async () => {
    const staff = await signedInStaff();
    const key = await addPasskey(staff);
    expect(await renamePasskey({ user: staff, passkeyId: key.id, name: "Work laptop", context })).toEqual({
      name: "Work laptop",
    });
    const [renamed] = await audits(staff.userId, "passkey.renamed");
    expect(renamed).toMatchObject({ targetId: key.id, metadata: { from: "Passkey 1", to: "Work laptop" } });

    const patient = await signIn(DEMO.patient);
    expect(
      await failure(renamePasskey({ user: patient, passkeyId: key.id, name: "Mine now", context })),
    ).toBe("NOT_FOUND");
    expect(await failure(removePasskey({ user: patient, passkeyId: key.id, context }))).toBe("NOT_FOUND");
    expect(await database.db.passkey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      name: "Work laptop",
    });
  });

  it("a staff member keeps the last second factor: the only passkey without TOTP stays (refused and audited), with TOTP it goes", async () => {
    const staff = await signedInStaff();
    const key = await addPasskey(staff);
    let message = "";
    try {
      await removePasskey({ user: staff, passkeyId: key.id, context });
    } catch (error) {
      message = isAppError(error) ? `${error.code}: ${error.userMessage}` : String(error);
    }
    expect(message).toBe(`CONFLICT: ${LAST_FACTOR_MESSAGE}`);
    expect(await database.db.passkey.count({ where: { id: key.id } })).toBe(1);
    expect(await audits(staff.userId, "passkey.remove_refused")).toHaveLength(1);

    await database.db.user.update({ where: { id: staff.userId }, data: { totpEnabledAt: new Date() } });
    await removePasskey({ user: staff, passkeyId: key.id, context });
    expect(await database.db.passkey.count({ where: { userId: staff.userId } })).toBe(0);
    const [removed] = await audits(staff.userId, "passkey.removed");
    expect(removed).toMatchObject({ targetId: key.id, metadata: { name: "Passkey 1" } });
  });

  it("two removals at once of a staff member's two passkeys (no TOTP) remove one; the other stays as the last factor", async () => {
    const staff = await signedInStaff();
    const first = await addPasskey(staff);
    const second = await addPasskey(staff);
    const results = await Promise.all(
      [first, second].map((k) => failure(removePasskey({ user: staff, passkeyId: k.id, context }))),
    );
    expect(results.sort()).toEqual(["CONFLICT", "none"]);
    expect(await database.db.passkey.count({ where: { userId: staff.userId } })).toBe(1);
  });

  it("a patient may remove the only passkey; a freed name is given to the next one", async () => {
    const patient = await signIn(DEMO.patient);
    const first = await addPasskey(patient);
    await addPasskey(patient);
    await removePasskey({ user: patient, passkeyId: first.id, context });
    const third = await addPasskey(patient);
    expect((await database.db.passkey.findUniqueOrThrow({ where: { id: third.id } })).name).toBe("Passkey 1");
    for (const p of await database.db.passkey.findMany({ where: { userId: patient.userId } })) {
      await removePasskey({ user: patient, passkeyId: p.id, context });
    }
    expect(await database.db.passkey.count({ where: { userId: patient.userId } })).toBe(0);
  });
});
