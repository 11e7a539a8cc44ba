import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActingUser } from "@/lib/audit/actor";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { changeAutopay, enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { ZChangeAutopayInput, ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { parseIsoDay } from "@/lib/dates";
import { readExportFileText } from "@/lib/exports/file-store";
import { runSignupFiles } from "@/lib/exports/run-signup-files";
import {
  getReadySignupFileOrThrow,
  produceSignupFile,
  SIGNUP_FILE_LEASE_MS,
} from "@/lib/exports/signup-file";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.90");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);
const day = (iso: string) => parseIsoDay(iso)!;

describe("the autopay sign-up file (IMPSPO)", () => {
  let clock: ReturnType<typeof fixedClock>;
  let practiceId: string;
  let pat: Extract<TActingUser, { kind: "patient" }>;
  let staff: { kind: "staff"; userId: string; email: string };
  let a1001: string;
  let a2001: string;
  let visaId: string;
  let amexId: string;
  let bankId: string;

  const at = (iso: string) => clock.set(nyTime(iso));
  /** In production an enrolment's createdAt is the time it was made; here the clock is moved. */
  const stampCreated = (enrollmentId: string) =>
    database.db.autopayEnrollment.update({ where: { id: enrollmentId }, data: { createdAt: clock.now() } });

  const enrolPat = async (limit = "200.00", paymentMethodId = visaId) => {
    const { enrollmentId } = await enrollAutopay({
      owner: pat,
      input: ZEnrollAutopayInput.parse({
        accountId: a1001,
        paymentMethodId,
        limit,
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
    });
    await stampCreated(enrollmentId);
    return enrollmentId;
  };
  const changePat = (enrollmentId: string, limit: string, paymentMethodId = visaId) =>
    changeAutopay({
      owner: pat,
      input: ZChangeAutopayInput.parse({
        enrollmentId,
        paymentMethodId,
        limit,
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
    });
  /** A-2001 has no login: enrolled the way the PMS's batch enrolment file does it. */
  const enrolOther = async (limitCents = 7500) =>
    (
      await database.db.autopayEnrollment.create({
        data: {
          accountId: a2001,
          paymentMethodId: bankId,
          limitCents,
          source: "FILE",
          consentText: "Batch enrolment",
          consentVersion: "file-v1",
          consentedAt: clock.now(),
          createdAt: clock.now(),
        },
      })
    ).id;
  const unenrol = (enrollmentId: string) =>
    unenrollAutopay({
      actor: { kind: "staff", userId: staff.userId, email: staff.email, role: "BILLING_MANAGER", practiceId },
      enrollmentId,
      context,
    });

  const setMode = (mode: "FULL" | "DELTA") =>
    database.db.practice.update({ where: { id: practiceId }, data: { signupFileMode: mode } });
  const filesOf = (mode: "FULL" | "DELTA") =>
    database.db.signupFile.findMany({ where: { practiceId, mode }, orderBy: { businessDay: "asc" } });
  const linesOf = async (fileId: string) => {
    const text = await readExportFileText("signup", fileId);
    expect(text === "" || text.endsWith("\n")).toBe(true);
    const lines = text.split("\n").filter(Boolean);
    for (const line of lines) expect(line.split("|")).toHaveLength(21);
    return lines;
  };
  /** The nightly job at 00:30 of `iso`'s day (so it writes the file of the day before). */
  const nightlyRun = (iso: string) => {
    at(`${iso}T00:30:00`);
    return runSignupFiles({ now: clock.now() });
  };
  const fileFor = async (mode: "FULL" | "DELTA", businessDay: string) =>
    database.db.signupFile.findUniqueOrThrow({
      where: { practiceId_mode_businessDay: { practiceId, mode, businessDay: day(businessDay) } },
    });

  beforeAll(async () => {
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    practiceId = practice.id;
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    const staffUser = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    staff = { kind: "staff", userId: staffUser.id, email: staffUser.email };
    a1001 = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    a2001 = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } })).id;
  });

  beforeEach(async () => {
    clock = fixedClock(nyTime("2026-03-10T10:00:00"));
    setClockForTests(clock);
    await database.db.signupFile.deleteMany();
    await database.db.autopayCharge.deleteMany();
    await database.db.autopayEnrollment.deleteMany();
    await database.db.paymentMethod.deleteMany();
    await setMode("FULL");
    const method = (data: Record<string, unknown>) =>
      database.db.paymentMethod.create({
        data: { kind: "CARD", gatewayToken: `tok_${randomUUID()}`, last4: "0000", ...data },
      });
    visaId = (await method({ userId: pat.userId, brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 }))
      .id;
    amexId = (await method({ userId: pat.userId, brand: "amex", last4: "0005", expMonth: 12, expYear: 2030 }))
      .id;
    bankId = (await method({ accountId: a2001, kind: "ACH", last4: "6789", bankAccountType: "SAVINGS" })).id;
  });

  afterAll(() => setClockForTests(undefined));

  it("full: every account's current state, with the layout's fields and the practice's days", async () => {
    const patEnrolment = await enrolPat("200.00");
    // The next draft: the earliest charge still scheduled.
    const statement = await database.db.statement.findFirstOrThrow({ where: { accountId: a1001 } });
    await database.db.autopayCharge.create({
      data: {
        enrollmentId: patEnrolment,
        statementId: statement.id,
        amountDueCents: statement.amountDueCents,
        chargeOn: day("2026-03-20"),
      },
    });
    at("2026-03-10T23:30:00"); // 03:30 UTC on the 11th: still the 10th in New York
    const other = await enrolOther();
    at("2026-03-11T09:00:00");
    await unenrol(other);

    const run = await nightlyRun("2026-03-12");
    expect(run).toMatchObject({ produced: 1, existing: 0 });
    const file = await fileFor("FULL", "2026-03-11");
    expect(file).toMatchObject({
      fileName: "IMPSPO_RFM001_20260311_FULL.txt",
      status: "READY",
      rowCount: 2,
      producedBy: "exports.signup-files",
      producedByUserId: null,
      windowStart: null,
    });
    expect(file.windowEnd.toISOString()).toBe(nyTime("2026-03-12T00:30:00").toISOString());
    const lines = await linesOf(file.id);
    expect(lines.sort()).toEqual(
      [
        `IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|${pat.userId}|Enrolled|CC|Visa||4242||20260310|20260320|200.00|||`,
        "IMPSPO|A-2001|RFM001|Smith|Jordan||19750615|||Not Enrolled||||||20260311|||||",
      ].sort(),
    );
    expect(file.byteCount).toBe(Buffer.byteLength(lines.join("\n") + "\n"));
  });

  it("full: a card of another brand, a bank account, and an account that came back after leaving", async () => {
    const first = await enrolPat("100.00");
    at("2026-03-10T12:00:00");
    await unenrol(first);
    at("2026-03-10T13:00:00");
    await enrolPat("300.00", amexId);
    await enrolOther(12_345); // $123.45
    await nightlyRun("2026-03-11");
    const lines = await linesOf((await fileFor("FULL", "2026-03-10")).id);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes("|A-1001|"))).toBe(
      `IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|${pat.userId}|Enrolled|CC|AmEx||0005||20260310||300.00|||`,
    );
    expect(lines.find((l) => l.includes("|A-2001|"))).toBe(
      "IMPSPO|A-2001|RFM001|Smith|Jordan||19750615|||Enrolled|eCheck||Savings||6789|20260310||123.45|||",
    );
  });

  it("delta: each file holds exactly the changes of its window, and the windows follow on", async () => {
    await setMode("DELTA");
    // Day 1: Pat enrols.
    const patEnrolment = await enrolPat("200.00");
    await nightlyRun("2026-03-11");
    const d1 = await fileFor("DELTA", "2026-03-10");
    expect(d1.windowStart).toBeNull(); // the first delta covers everything before its end
    expect(d1.windowEnd.toISOString()).toBe(nyTime("2026-03-11T00:00:00").toISOString());
    expect(await linesOf(d1.id)).toEqual([
      `IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|${pat.userId}|Enrolled|CC|Visa||4242||20260310||200.00|||`,
    ]);

    // Day 2: nothing changes: an empty file, still produced (the PMS sees the day was done).
    await nightlyRun("2026-03-12");
    const d2 = await fileFor("DELTA", "2026-03-11");
    expect(d2.windowStart?.toISOString()).toBe(d1.windowEnd.toISOString());
    expect(d2.windowEnd.toISOString()).toBe(nyTime("2026-03-12T00:00:00").toISOString());
    expect(d2.rowCount).toBe(0);
    expect(await readExportFileText("signup", d2.id)).toBe("");

    // Day 3: Pat lowers the limit and changes the card; A-2001 is enrolled by file.
    at("2026-03-12T09:00:00");
    await changePat(patEnrolment, "50.00", amexId);
    at("2026-03-12T10:00:00");
    const other = await enrolOther();
    await nightlyRun("2026-03-13");
    const d3 = await fileFor("DELTA", "2026-03-12");
    expect(d3.windowStart?.toISOString()).toBe(d2.windowEnd.toISOString());
    expect((await linesOf(d3.id)).sort()).toEqual(
      [
        `IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|${pat.userId}|Enrolled|CC|AmEx||0005||20260310||50.00|||`,
        "IMPSPO|A-2001|RFM001|Smith|Jordan||19750615|||Enrolled|eCheck||Savings||6789|20260312||75.00|||",
      ].sort(),
    );

    // Day 4: Pat turns autopay off just before midnight; A-2001's unenrolment just after
    // midnight belongs to the next day, even though the nightly run comes after it.
    at("2026-03-13T23:59:30");
    await unenrollAutopay({ actor: pat, enrollmentId: patEnrolment, context });
    at("2026-03-14T00:10:00");
    await unenrol(other);
    await nightlyRun("2026-03-14");
    const d4 = await fileFor("DELTA", "2026-03-13");
    expect(await linesOf(d4.id)).toEqual([
      "IMPSPO|A-1001|RFM001|Rivera|Pat||19800101|pat@example.com|" +
        pat.userId +
        "|Not Enrolled||||||20260313|||||",
    ]);

    await nightlyRun("2026-03-15");
    const d5 = await fileFor("DELTA", "2026-03-14");
    expect(await linesOf(d5.id)).toEqual([
      "IMPSPO|A-2001|RFM001|Smith|Jordan||19750615|||Not Enrolled||||||20260314|||||",
    ]);
    // No full files in delta mode.
    expect(await filesOf("FULL")).toEqual([]);
  });

  it("delta made during the day stops a moment before it was asked for; the rest goes into the next file", async () => {
    await setMode("DELTA");
    at("2026-03-10T09:00:00");
    await enrolPat();
    at("2026-03-10T14:00:00");
    const now = await produceSignupFile({
      practiceId,
      mode: "DELTA",
      businessDay: day("2026-03-10"),
      producer: staff,
    });
    expect(now.outcome).toBe("produced");
    expect(now.file.windowEnd.toISOString()).toBe(nyTime("2026-03-10T13:58:00").toISOString());
    expect(now.file.rowCount).toBe(1);
    at("2026-03-10T15:00:00");
    await enrolOther();
    // The nightly run for the 10th finds the file made and leaves it; the 11th's picks up A-2001.
    expect(await nightlyRun("2026-03-11")).toMatchObject({ existing: 1, produced: 0 });
    await nightlyRun("2026-03-12");
    const next = await fileFor("DELTA", "2026-03-11");
    expect(next.windowStart?.toISOString()).toBe(nyTime("2026-03-10T13:58:00").toISOString());
    expect((await linesOf(next.id)).map((l) => l.split("|")[1])).toEqual(["A-2001"]);
    // A day a later delta already covers gets no file of its own.
    const late = await produceSignupFile({
      practiceId,
      mode: "DELTA",
      businessDay: day("2026-03-09"),
      producer: staff,
    });
    expect(late).toMatchObject({ outcome: "covered" });
    expect(await filesOf("DELTA")).toHaveLength(2);
  });

  it("delta: a change stamped with an earlier time than it was written still goes out", async () => {
    await setMode("DELTA");
    await nightlyRun("2026-03-11"); // the first delta (nothing yet), up to midnight on the 10th
    // An import that started on the 10th writes A-2001's enrolment on the 11th, stamped with its start.
    at("2026-03-10T23:50:00");
    const late = await enrolOther();
    await database.sql
      .run`UPDATE autopay_enrollment SET "updatedAt" = ${nyTime("2026-03-11T00:40:00")} WHERE id = ${late}`;
    await nightlyRun("2026-03-12");
    expect((await linesOf((await fileFor("DELTA", "2026-03-11")).id)).map((l) => l.split("|")[1])).toEqual([
      "A-2001",
    ]);
  });

  it("the same day twice, or two runs at once, make one file", async () => {
    await enrolPat();
    at("2026-03-10T16:00:00");
    const produce = () =>
      produceSignupFile({ practiceId, mode: "FULL", businessDay: day("2026-03-10"), producer: staff });
    // Six at once (on PostgreSQL each on its own connection of the pool).
    const results = await Promise.all(Array.from({ length: 6 }, produce));
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "produced")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o !== "produced"))
      expect(["existing", "in-progress"]).toContain(o);
    expect(new Set(results.map((r) => r.file.id)).size).toBe(1);
    const again = await produce();
    expect(again.outcome).toBe("existing");
    expect(again.file.id).toBe(results[0]!.file.id);
    // The nightly run for that day finds it too.
    expect(await nightlyRun("2026-03-11")).toMatchObject({ produced: 0, existing: 1 });
    expect(await database.db.signupFile.count()).toBe(1);
    const [job1, job2] = await Promise.all([nightlyRun("2026-03-12"), runSignupFiles({ now: clock.now() })]);
    expect(job1.produced + job2.produced).toBe(1);
    expect(await database.db.signupFile.count()).toBe(2);
    expect(await linesOf((await fileFor("FULL", "2026-03-11")).id)).toHaveLength(1);
  });

  it("a worker that died while writing is taken over once its claim runs out; a failed file is written afresh", async () => {
    await enrolPat();
    const produce = () =>
      produceSignupFile({ practiceId, mode: "FULL", businessDay: day("2026-03-10"), producer: staff });
    const first = await produce();
    // Pretend its worker died half-way: still GENERATING, a stray chunk, a live claim.
    await database.db.signupFile.update({
      where: { id: first.file.id },
      data: {
        status: "GENERATING",
        claimToken: "dead-worker",
        claimedUntil: new Date(clock.now().getTime() + SIGNUP_FILE_LEASE_MS),
      },
    });
    await database.db.signupFileChunk.updateMany({
      where: { fileId: first.file.id },
      data: { content: "HALF" },
    });
    expect((await produce()).outcome).toBe("in-progress");
    await expect(getReadySignupFileOrThrow({ practiceId, fileId: first.file.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    clock.advance(SIGNUP_FILE_LEASE_MS + 1000);
    const retaken = await produce();
    expect(retaken).toMatchObject({
      outcome: "produced",
      file: { id: first.file.id, status: "READY", rowCount: 1 },
    });
    expect(await linesOf(first.file.id)).toHaveLength(1);

    await database.db.signupFile.update({
      where: { id: first.file.id },
      data: { status: "FAILED", claimToken: null, claimedUntil: null },
    });
    expect((await produce()).outcome).toBe("produced");
    expect(await database.db.signupFile.count()).toBe(1);
  });

  it("another practice's file is not found", async () => {
    await enrolPat();
    const { file } = await produceSignupFile({
      practiceId,
      mode: "FULL",
      businessDay: day("2026-03-10"),
      producer: staff,
    });
    const other = await database.db.practice.create({
      data: { name: "Elsewhere Clinic", clientId: `OTHER-${randomUUID().slice(0, 6)}` },
    });
    await expect(getReadySignupFileOrThrow({ practiceId: other.id, fileId: file.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Its own files hold none of this practice's accounts.
    const theirs = await produceSignupFile({
      practiceId: other.id,
      mode: "FULL",
      businessDay: day("2026-03-10"),
      producer: { kind: "job" },
    });
    expect(theirs.file.rowCount).toBe(0);
    await database.db.signupFile.deleteMany({ where: { practiceId: other.id } });
    await database.db.practice.delete({ where: { id: other.id } });
  });

  describe("with EXPORT_OUTBOX_DIR", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "signup-outbox-"));
      process.env.EXPORT_OUTBOX_DIR = dir;
    });
    afterEach(async () => {
      delete process.env.EXPORT_OUTBOX_DIR;
      await rm(dir, { recursive: true, force: true });
    });

    it("puts each file into the outbox once, whole, under its own name", async () => {
      await enrolPat();
      const run = await nightlyRun("2026-03-11");
      expect(run).toMatchObject({ produced: 1, delivered: 1 });
      const file = await fileFor("FULL", "2026-03-10");
      expect(file.deliveredAt).not.toBeNull();
      expect(await readdir(dir)).toEqual(["IMPSPO_RFM001_20260310_FULL.txt"]);
      expect(await readFile(path.join(dir, file.fileName), "utf8")).toBe(
        await readExportFileText("signup", file.id),
      );
      // Collected by the PMS; the next run does not put it back.
      await rm(path.join(dir, file.fileName));
      at("2026-03-11T01:30:00");
      expect(await runSignupFiles({ now: clock.now() })).toMatchObject({ delivered: 0 });
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it(
    "reads the accounts a page at a time and stores the text in chunks (16,000 accounts)",
    { timeout: 180_000 },
    async () => {
      const n = 16_000;
      await database.sql.run`
        INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
        SELECT 'bulk-acct-' || lpad(i::text, 6, '0'), ${practiceId}, 'B-' || lpad(i::text, 6, '0'), 'First' || i, 'Last' || i, now()
        FROM generate_series(1, ${n}::int) AS i`;
      await database.sql.run`
        INSERT INTO payment_method (id, "accountId", kind, "gatewayToken", brand, last4, "updatedAt")
        SELECT 'bulk-pm-' || i, 'bulk-acct-' || lpad(i::text, 6, '0'), 'CARD', 'tok-bulk-' || i, 'mastercard', '4444', now()
        FROM generate_series(1, ${n}::int) AS i`;
      const consentedAt = clock.now();
      await database.sql.run`
        INSERT INTO autopay_enrollment (id, "accountId", "paymentMethodId", status, "limitCents", source,
          "consentText", "consentVersion", "consentedAt", "cancelledAt", "createdAt", "updatedAt")
        SELECT 'bulk-en-' || i, 'bulk-acct-' || lpad(i::text, 6, '0'), 'bulk-pm-' || i,
          CASE WHEN i % 10 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END::"AutopayStatus", 10000, 'FILE', 'Batch', 'file-v1',
          ${consentedAt}::timestamptz, CASE WHEN i % 10 = 0 THEN ${consentedAt}::timestamptz END, ${consentedAt}::timestamptz, now()
        FROM generate_series(1, ${n}::int) AS i`;
      try {
        at("2026-03-11T00:30:00");
        const { file } = await produceSignupFile({
          practiceId,
          mode: "FULL",
          businessDay: day("2026-03-10"),
          producer: { kind: "job" },
        });
        expect(file.rowCount).toBe(n);
        expect(await database.db.signupFileChunk.count({ where: { fileId: file.id } })).toBeGreaterThan(1);
        const lines = await linesOf(file.id);
        expect(lines).toHaveLength(n);
        const members = lines.map((l) => l.split("|")[1]);
        expect(new Set(members).size).toBe(n);
        expect(lines.filter((l) => l.includes("|Not Enrolled|"))).toHaveLength(n / 10);
        expect(lines[0]).toBe(
          "IMPSPO|B-000001|RFM001|Last1|First1|||||Enrolled|CC|MC||4444||20260310||100.00|||",
        );
      } finally {
        await database.sql.run`DELETE FROM autopay_enrollment WHERE id LIKE 'bulk-en-%'`;
        await database.sql.run`DELETE FROM payment_method WHERE id LIKE 'bulk-pm-%'`;
        await database.sql.run`DELETE FROM account WHERE id LIKE 'bulk-acct-%'`;
      }
    },
  );
});
