import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "@/lib/dates";
import { findStatementByProof, type TStatementProof } from "@/lib/guest/find-statement";
import { LOCKOUT_DURATION_MS, REFUSALS_AUDIT_ACTION, reportRefusals } from "@/lib/rate-limit/lockout";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const day = (iso: string) => parseIsoDay(iso)!;
const lookUp = (proof: TStatementProof, ip = "203.0.113.10") =>
  findStatementByProof({ proof, context: requestFrom(ip), purpose: "guest_lookup" });
const statementId = async (statementNumber: string) =>
  (await database.db.statement.findUniqueOrThrow({ where: { statementNumber } })).id;

const NO_MATCH = { ok: false, reason: "NO_MATCH" };
const MINUTE = 60_000;

describe("findStatementByProof (guest lookup)", () => {
  beforeEach(async () => {
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("finds ST-1001 by the patient's date of birth", async () => {
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
    expect(await lookUp({ statementNumber: "ST-1001", dob: day("1980-01-01") })).toEqual({
      ok: true,
      statementId: await statementId("ST-1001"),
      accountId: account.id,
    });
  });

  it("finds ST-1001 by ZIP code, also as ZIP+4", async () => {
    const id = await statementId("ST-1001");
    expect(await lookUp({ statementNumber: "ST-1001", zip: "19103" })).toMatchObject({
      ok: true,
      statementId: id,
    });
    expect(await lookUp({ statementNumber: "ST-1001", zip: "19103-4321" })).toMatchObject({
      ok: true,
      statementId: id,
    });
  });

  it("accepts the statement number in lower case and with spaces", async () => {
    expect(await lookUp({ statementNumber: "  st-1001 ", dob: day("1980-01-01") })).toMatchObject({
      ok: true,
    });
  });

  it("gives the same NO_MATCH for a wrong DOB, a wrong ZIP and an unknown number", async () => {
    expect(await lookUp({ statementNumber: "ST-1001", dob: day("1980-01-02") }, "198.51.100.1")).toEqual(
      NO_MATCH,
    );
    expect(await lookUp({ statementNumber: "ST-1001", zip: "19104" }, "198.51.100.2")).toEqual(NO_MATCH);
    expect(await lookUp({ statementNumber: "ST-9999", dob: day("1980-01-01") }, "198.51.100.3")).toEqual(
      NO_MATCH,
    );
  });

  it("does not accept another statement's DOB or ZIP", async () => {
    expect(await lookUp({ statementNumber: "ST-1001", dob: day("1975-06-15") })).toEqual(NO_MATCH);
    expect(await lookUp({ statementNumber: "ST-2001", zip: "19103" })).toEqual(NO_MATCH);
  });

  it("does not find a voided statement", async () => {
    await database.db.statement.update({ where: { statementNumber: "ST-1002" }, data: { status: "VOIDED" } });
    try {
      expect(await lookUp({ statementNumber: "ST-1002", dob: day("1980-01-01") })).toEqual(NO_MATCH);
    } finally {
      await database.db.statement.update({ where: { statementNumber: "ST-1002" }, data: { status: "OPEN" } });
    }
  });

  it("locks a statement after 5 failures, even from new addresses and with the right DOB", async () => {
    const results = [];
    for (let i = 1; i <= 5; i++) {
      results.push(
        await lookUp({ statementNumber: "ST-1001", dob: day(`1990-01-0${i}`) }, `198.51.100.${i}`),
      );
    }
    expect(results.slice(0, 4)).toEqual([NO_MATCH, NO_MATCH, NO_MATCH, NO_MATCH]);
    expect(results[4]).toMatchObject({ ok: false, reason: "LOCKED", lockedUntil: expect.any(Date) });

    const locked = await lookUp({ statementNumber: "ST-1001", dob: day("1980-01-01") }, "192.0.2.50");
    expect(locked).toMatchObject({ ok: false, reason: "LOCKED" });
    expect(await lookUp({ statementNumber: "ST-1001", zip: "19103" }, "192.0.2.51")).toMatchObject({
      reason: "LOCKED",
    });
    // Another statement, from another address, is not affected.
    expect(await lookUp({ statementNumber: "ST-1002", dob: day("1980-01-01") }, "192.0.2.52")).toMatchObject({
      ok: true,
    });
  });

  it("locks a client address after 5 failures across different statements", async () => {
    const ip = "203.0.113.66";
    const guesses: TStatementProof[] = [
      { statementNumber: "ST-1001", dob: day("1990-01-01") },
      { statementNumber: "ST-1002", zip: "00000" },
      { statementNumber: "ST-2001", dob: day("1990-01-01") },
      { statementNumber: "ST-3001", dob: day("1990-01-01") },
      { statementNumber: "ST-3002", zip: "00000" },
    ];
    for (const proof of guesses) await lookUp(proof, ip);
    expect(await lookUp({ statementNumber: "ST-2001", dob: day("1975-06-15") }, ip)).toMatchObject({
      ok: false,
      reason: "LOCKED",
    });
    // The same statement from another address still works: no statement got 5 failures.
    expect(
      await lookUp({ statementNumber: "ST-2001", dob: day("1975-06-15") }, "203.0.113.67"),
    ).toMatchObject({
      ok: true,
    });
  });

  it("ends the lock after 15 minutes", async () => {
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    for (let i = 1; i <= 5; i++)
      await lookUp({ statementNumber: "ST-1002", zip: `0000${i}` }, `198.51.100.${i}`);
    const right = { statementNumber: "ST-1002", dob: day("1980-01-01") };

    vi.setSystemTime(start.getTime() + 14 * MINUTE);
    const stillLocked = await lookUp(right, "192.0.2.60");
    expect(stillLocked).toEqual({
      ok: false,
      reason: "LOCKED",
      lockedUntil: new Date(start.getTime() + LOCKOUT_DURATION_MS),
    });

    vi.setSystemTime(start.getTime() + 15 * MINUTE + 1000);
    expect(await lookUp(right, "192.0.2.61")).toMatchObject({ ok: true });
    // The failures that caused the lock do not count again: one more mistake is just a mistake.
    expect(await lookUp({ statementNumber: "ST-1002", zip: "00009" }, "192.0.2.62")).toEqual(NO_MATCH);
  });

  it("forgets failures older than 15 minutes", async () => {
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    for (let i = 1; i <= 4; i++)
      await lookUp({ statementNumber: "ST-1001", zip: `0000${i}` }, `198.51.100.${i}`);
    vi.setSystemTime(start.getTime() + 16 * MINUTE);
    expect(await lookUp({ statementNumber: "ST-1001", zip: "00005" }, "198.51.100.5")).toEqual(NO_MATCH);
    expect(await lookUp({ statementNumber: "ST-1001", zip: "19103" }, "198.51.100.6")).toMatchObject({
      ok: true,
    });
  });

  describe("audit", () => {
    const auditFor = (ip: string) =>
      database.db.auditLog.findMany({ where: { action: "guest.lookup", ip }, orderBy: { createdAt: "asc" } });

    it("records a success against the statement", async () => {
      await lookUp({ statementNumber: "ST-1001", dob: day("1980-01-01") }, "192.0.2.70");
      expect(await auditFor("192.0.2.70")).toEqual([
        expect.objectContaining({
          actorRole: "GUEST",
          actorUserId: null,
          actorLabel: "ST-1001",
          outcome: "SUCCESS",
          targetType: "Statement",
          targetId: await statementId("ST-1001"),
          userAgent: "vitest",
          metadata: { statementNumber: "ST-1001", method: "dob" },
        }),
      ]);
    });

    it("records failures without the DOB or ZIP that was typed", async () => {
      await lookUp({ statementNumber: "ST-1001", dob: day("1966-06-06") }, "192.0.2.71");
      await lookUp({ statementNumber: "ST-1001", zip: "54321" }, "192.0.2.71");
      const rows = await auditFor("192.0.2.71");
      expect(rows.map((r) => [r.outcome, r.targetId, r.metadata])).toEqual([
        ["FAILURE", null, { statementNumber: "ST-1001", method: "dob", reason: "no_match" }],
        ["FAILURE", null, { statementNumber: "ST-1001", method: "zip", reason: "no_match" }],
      ]);
      const text = JSON.stringify(rows);
      expect(text).not.toContain("1966");
      expect(text).not.toContain("54321");
    });

    it("reports attempts refused by a lock once for the window, with their count", async () => {
      const ip = "192.0.2.72";
      for (let i = 1; i <= 5; i++) await lookUp({ statementNumber: `ST-40${i}`, zip: "00000" }, ip);
      expect((await auditFor(ip)).at(-1)).toMatchObject({ metadata: { reason: "no_match", locked: "true" } });
      const rowsBefore = await database.db.auditLog.count();
      for (let i = 0; i < 200; i++) {
        expect(await lookUp({ statementNumber: "ST-1001", dob: day("1980-01-01") }, ip)).toMatchObject({
          ok: false,
          reason: "LOCKED",
        });
      }
      expect(await database.db.auditLog.count()).toBe(rowsBefore);
      await reportRefusals({ now: new Date(Date.now() + LOCKOUT_DURATION_MS + 1000) });
      const reported = await database.db.auditLog.findMany({
        where: { action: REFUSALS_AUDIT_ACTION, actorLabel: ip },
      });
      expect(reported.map((r) => r.metadata)).toEqual([
        expect.objectContaining({ bucket: "lookup:ip", key: ip, attempts: 200 }),
      ]);
    });

    it("compares at most 5 proofs of 30 guesses at once for one statement", async () => {
      const guesses = Array.from({ length: 30 }, (_, i) =>
        lookUp({ statementNumber: "ST-BURST", zip: String(10000 + i) }, `198.51.100.${i + 1}`),
      );
      const results = await Promise.all(guesses);
      const compared = (await database.db.auditLog.findMany({ where: { action: "guest.lookup" } })).filter(
        (r) => (r.metadata as { statementNumber?: string }).statementNumber === "ST-BURST",
      );
      expect(compared.length).toBeGreaterThan(0);
      expect(compared.length).toBeLessThanOrEqual(5);
      // Every other guess was refused without a comparison (the fifth failure itself says LOCKED).
      expect(results.filter((r) => !r.ok && r.reason === "NO_MATCH").length).toBeLessThan(
        compared.length + 1,
      );
      expect(results.filter((r) => !r.ok && r.reason === "LOCKED").length).toBeGreaterThanOrEqual(25);
    });
  });
});
