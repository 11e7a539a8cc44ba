import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { X12Parser } from "node-x12";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { parseIsoDay } from "@/lib/dates";
import { readExportFileText } from "@/lib/exports/file-store";
import { getReadyPostingFileOrThrow, producePostingFile } from "@/lib/exports/posting-file";
import type { TPostingFormat } from "@/lib/exports/posting-rows";
import { runPostingFiles } from "@/lib/exports/run-posting-files";
import { getPaymentForStaffOrThrow } from "@/lib/payments/staff-queries";
import { DEMO } from "@/lib/seed/demo-data";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
/** An instant in New York (EST until 2026-03-08). */
const est = (iso: string) => new Date(`${iso}-05:00`);
const day = (iso: string) => parseIsoDay(iso)!;
const job = { kind: "job" } as const;

type TPaymentSpec = {
  receipt: string;
  createdAt: string;
  status: "AUTHORIZED" | "CAPTURED" | "SETTLED" | "DECLINED" | "VOIDED" | "RETURNED" | "PENDING" | "REFUNDED";
  amountCents: number;
  methodKind?: "CARD" | "ACH";
  brand?: string;
  capturedAt?: string;
  settledAt?: string;
  voidedAt?: string;
  returnedAt?: string;
  account?: string;
  channel?: "WEB" | "IMPORT";
};

describe("the end-of-day posting files", () => {
  let practiceId: string;
  let staffId: string;
  let clock: ReturnType<typeof fixedClock>;
  const statements = new Map<string, { id: string; accountId: string }>();

  const pay = async (spec: TPaymentSpec, practice = practiceId) => {
    const statement = statements.get(spec.account === "A-2001" ? "ST-2001" : "ST-1001")!;
    const at = (iso?: string) => (iso ? est(iso) : null);
    const isDeclined = spec.status === "DECLINED";
    return database.db.payment.create({
      data: {
        practiceId: practice,
        accountId: statement.accountId,
        channel: spec.channel ?? "WEB",
        status: spec.status,
        amountCents: spec.amountCents,
        idempotencyKey: randomUUID(),
        receiptNumber: spec.receipt,
        gatewayTransactionId: `txn_${spec.receipt}`,
        authorizationCode: isDeclined ? null : `AU${spec.receipt.slice(-3)}`,
        methodKind: spec.methodKind ?? "CARD",
        brand: spec.methodKind === "ACH" ? null : (spec.brand ?? "visa"),
        last4: "4242",
        declineCode: isDeclined ? "05" : null,
        declineMessage: isDeclined ? "Do not honor" : null,
        createdAt: est(spec.createdAt),
        capturedAt: at(spec.capturedAt),
        settledAt: at(spec.settledAt),
        voidedAt: at(spec.voidedAt),
        returnedAt: at(spec.returnedAt),
        allocations: { create: { statementId: statement.id, amountCents: spec.amountCents } },
      },
      select: { id: true },
    });
  };

  const textOf = async (fileId: string) => readExportFileText("posting", fileId);
  /** Each IMDPA payment line's receipt number (additional info 1) → its action, amount and status (refunds apart). */
  const imdpaByReceipt = (text: string) =>
    Object.fromEntries(
      text
        .trimEnd()
        .split("\n")
        .map((line) => line.split("|"))
        .filter((f) => f[5] !== "Credit")
        .map((f) => [f[21], `${f[5]} ${f[6]} ${f[11]}`]),
    );
  const produce = (format: TPostingFormat, businessDay: string) =>
    producePostingFile({ practiceId, format, businessDay: day(businessDay), producer: job });

  beforeAll(async () => {
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    practiceId = practice.id;
    staffId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } })).id;
    for (const s of await database.db.statement.findMany({
      select: { id: true, accountId: true, statementNumber: true },
    })) {
      statements.set(s.statementNumber, s);
    }
    clock = fixedClock(est("2026-03-04T09:00:00"));
    setClockForTests(clock);

    // Business day 2026-03-03 with the demo practice's 17:00 cut-off: from 2026-03-02 17:00 to 2026-03-03 17:00 (EST).
    await pay({
      receipt: "R-CAPT",
      createdAt: "2026-03-03T10:00:00",
      capturedAt: "2026-03-03T10:00:00",
      status: "CAPTURED",
      amountCents: 12540,
    });
    const settled = await pay({
      receipt: "R-SETL",
      createdAt: "2026-03-02T12:00:00",
      capturedAt: "2026-03-02T12:00:00",
      settledAt: "2026-03-03T09:00:00",
      status: "SETTLED",
      amountCents: 5000,
      brand: "mastercard",
    });
    await pay({ receipt: "R-DECL", createdAt: "2026-03-03T11:00:00", status: "DECLINED", amountCents: 3000 });
    await pay({
      receipt: "R-VOID",
      createdAt: "2026-03-03T11:30:00",
      capturedAt: "2026-03-03T11:30:00",
      voidedAt: "2026-03-03T12:00:00",
      status: "VOIDED",
      amountCents: 2000,
    });
    await pay({
      receipt: "R-RETN",
      createdAt: "2026-02-27T10:00:00",
      capturedAt: "2026-02-27T10:00:00",
      returnedAt: "2026-03-03T08:00:00",
      status: "RETURNED",
      amountCents: 7000,
      methodKind: "ACH",
    });
    await pay({
      receipt: "R-CHBK",
      createdAt: "2026-02-20T10:00:00",
      capturedAt: "2026-02-20T10:00:00",
      settledAt: "2026-02-21T10:00:00",
      returnedAt: "2026-03-03T13:00:00",
      status: "RETURNED",
      amountCents: 4000,
      brand: "amex",
    });
    await pay({
      receipt: "R-AUTH",
      createdAt: "2026-03-03T14:00:00",
      status: "AUTHORIZED",
      amountCents: 1500,
    });
    await pay({ receipt: "R-PEND", createdAt: "2026-03-03T14:30:00", status: "PENDING", amountCents: 999 });
    await pay({
      receipt: "R-1659",
      createdAt: "2026-03-03T16:59:00",
      capturedAt: "2026-03-03T16:59:00",
      status: "CAPTURED",
      amountCents: 1000,
    });
    await pay({
      receipt: "R-1700",
      createdAt: "2026-03-03T17:00:00",
      capturedAt: "2026-03-03T17:00:00",
      status: "CAPTURED",
      amountCents: 1100,
    });
    // A payment recorded from the practice's own file came from the PMS: never sent back.
    await pay({
      receipt: "R-IMPT",
      createdAt: "2026-03-03T12:30:00",
      capturedAt: "2026-03-03T12:30:00",
      status: "CAPTURED",
      amountCents: 888,
      channel: "IMPORT",
    });
    await database.db.refund.create({
      data: {
        paymentId: settled.id,
        kind: "REFUND",
        amountCents: 2500,
        reason: "Overpaid",
        status: "SUCCEEDED",
        gatewayRefundId: "rf_R-SETL",
        createdByUserId: staffId,
        createdAt: est("2026-03-03T15:00:00"),
      },
    });
    // Another practice's payment in the same hours is in none of these files.
    const other = await database.db.practice.create({ data: { name: "Elsewhere", clientId: "ELSEWHERE" } });
    await pay(
      {
        receipt: "R-OTHR",
        createdAt: "2026-03-03T10:30:00",
        capturedAt: "2026-03-03T10:30:00",
        status: "CAPTURED",
        amountCents: 777,
      },
      other.id,
    );
  });

  afterAll(() => setClockForTests(undefined));

  afterEach(async () => {
    await database.db.postingFile.deleteMany({});
  });

  it("writes every transaction of the business day with its status code, a refund as Credit (IMDPA 1.4)", async () => {
    const { outcome, file } = await produce("IMDPA14", "2026-03-03");
    expect(outcome).toBe("produced");
    expect(file).toMatchObject({ status: "READY", fileName: "IMDPA14_RFM001_20260303.txt", rowCount: 9 });
    const text = await textOf(file.id);
    expect(text.split("\n").every((line) => line === "" || line.split("|").length === 34)).toBe(true);
    expect(imdpaByReceipt(text)).toEqual({
      "R-CAPT": "AuthCapt 125.40 C",
      "R-SETL": "AuthCapt 50.00 S",
      "R-DECL": "AuthCapt 30.00 D",
      "R-VOID": "AuthCapt 20.00 V",
      "R-RETN": "Return 70.00 RI",
      "R-CHBK": "Return 40.00 CB",
      "R-AUTH": "AuthCapt 15.00 A",
      "R-1659": "AuthCapt 10.00 C",
    });
    const credit = text
      .split("\n")
      .find((line) => line.split("|")[5] === "Credit")!
      .split("|");
    expect([credit[6], credit[11], credit[21], credit[27]]).toEqual([
      "25.00",
      "C",
      "R-SETL",
      DEMO.staff.email,
    ]);
    // In time order: the chargeback's payment (2026-02-20) first, the 16:59 payment last.
    expect(text.split("\n")[0]).toContain("|R-CHBK|");
    expect(text.trimEnd().split("\n").at(-1)).toContain("|R-1659|");
    expect(text).not.toContain("R-PEND");
    expect(text).not.toContain("R-IMPT");
    expect(text).not.toContain("R-OTHR");
    // The declined one carries the gateway's answer; the merchant identifiers are the settings'.
    expect(text).toMatch(
      /^IMDPA14\|sandbox-rfm\|RFM-MAIN\|PORTAL\|CreditCard\|AuthCapt\|30\.00\|.*\|05\|Do not honor$/m,
    );
  });

  it("puts a payment at the cut-off into the next business day", async () => {
    const today = await textOf((await produce("IMDPA10", "2026-03-03")).file.id);
    const next = await textOf((await produce("IMDPA10", "2026-03-04")).file.id);
    expect(today).toContain("|R-1659|");
    expect(today).not.toContain("|R-1700|");
    expect(next.trimEnd().split("\n")).toHaveLength(1);
    expect(next).toContain("|R-1700|");
    expect(next.split("|")[10]).toBe("20260303"); // its transaction date is still the calendar day
  });

  it("starts a day where the day before's file ended, so a cut-off moved between them drops nothing", async () => {
    const today = await produce("IMDPA10", "2026-03-03");
    // The practice moves its cut-off from 17:00 to 19:00: 03-04 would start at 03-03 19:00, and
    // the 17:00 payment would be in no file.
    await database.db.postingSettings.update({ where: { practiceId }, data: { cutoffMinutes: 19 * 60 } });
    try {
      const next = await produce("IMDPA10", "2026-03-04");
      expect(next.file.windowStart).toEqual(today.file.windowEnd);
      expect(await textOf(next.file.id)).toContain("|R-1700|");
    } finally {
      await database.db.postingSettings.update({ where: { practiceId }, data: { cutoffMinutes: 17 * 60 } });
    }
  });

  it("writes Lockbox A with only the money taken that day and the refund negative, and the 835 that parses", async () => {
    const lockbox = await textOf((await produce("LOCKBOX_A", "2026-03-03")).file.id);
    const account = DEMO.guestStatement.accountNumber.padEnd(20, " ");
    expect(lockbox).toBe(
      [
        "H20260303104201",
        `D202603030000000000000000000012540${account}000009000001`,
        `D202603030000000000-00000000002500${account}000008000001`,
        `D202603030000000000000000000001000${account}000009000001`,
        "T0000000000110400000000003",
        "",
      ].join("\n"),
    );

    const { file } = await produce("X12_835", "2026-03-03");
    expect(file.fileName).toBe("RFM001_dpa835_20260303_1.rep");
    const interchange = new X12Parser(true).parse(await textOf(file.id));
    if (!("functionalGroups" in interchange)) throw new Error("not one interchange");
    const sets = interchange.functionalGroups[0]!.transactions.map((t) => {
      const bpr = t.segments.find((s) => s.tag === "BPR")!;
      const clp = t.segments.find((s) => s.tag === "CLP")!;
      return `${bpr.valueOf(3)} ${bpr.valueOf(2)} ${clp.valueOf(1)} ${clp.valueOf(4)} ${bpr.valueOf(16)}`;
    });
    // Money taken (C), and given back (D): the return, the chargeback and the refund, in time order.
    expect(sets).toEqual([
      "D 40.00 ST-1001 -40.00 20260303",
      "D 70.00 ST-1001 -70.00 20260303",
      "C 125.40 ST-1001 125.40 20260303",
      "D 25.00 ST-1001 -25.00 20260303",
      "C 10.00 ST-1001 10.00 20260303",
    ]);
    expect(Number(interchange.header.valueOf(13))).toBe(1);
    // The next 835 of the practice has the next control number.
    const next = await produce("X12_835", "2026-03-04");
    const nextEdi = await textOf(next.file.id);
    expect(nextEdi.split("\n")[0]).toContain("*00501*000000002*0*P*:~");
    expect(nextEdi).toContain("GE*1*2~");
  });

  it("tells which files carried each payment, as the files' own lines do (the staff payment page)", async () => {
    const files = {
      imdpa: (await produce("IMDPA14", "2026-03-03")).file,
      x12: (await produce("X12_835", "2026-03-03")).file,
      lockbox: (await produce("LOCKBOX_A", "2026-03-03")).file,
      nextDay: (await produce("IMDPA14", "2026-03-04")).file,
    };
    const receipts = await database.db.payment.findMany({
      where: { practiceId },
      select: { id: true, receiptNumber: true },
      orderBy: { receiptNumber: "asc" },
    });
    const carried = new Map<string, string[]>();
    for (const { id, receiptNumber } of receipts) {
      const payment = await getPaymentForStaffOrThrow({ practiceId, paymentId: id });
      for (const posting of payment.postings.filter((p) => p.channel === "FILE")) {
        carried.set(posting.target, [...(carried.get(posting.target) ?? []), receiptNumber]);
        expect(posting.businessDate).toEqual(
          posting.reference === files.nextDay.id ? day("2026-03-04") : day("2026-03-03"),
        );
      }
    }
    // IMDPA: every line of the day, the settled payment also for its refund; not the pending,
    // the next day's, the imported or another practice's payment.
    const imdpaReceipts = Object.keys(imdpaByReceipt(await textOf(files.imdpa.id))).sort();
    expect(carried.get(files.imdpa.fileName)).toEqual(imdpaReceipts);
    expect(imdpaReceipts).toEqual([
      "R-1659",
      "R-AUTH",
      "R-CAPT",
      "R-CHBK",
      "R-DECL",
      "R-RETN",
      "R-SETL",
      "R-VOID",
    ]);
    // The 835: money in (captures not voided that day), money back (returns, the refund).
    expect(carried.get(files.x12.fileName)).toEqual(["R-1659", "R-CAPT", "R-CHBK", "R-RETN", "R-SETL"]);
    // Lockbox A: the day's captures and the refund.
    expect(carried.get(files.lockbox.fileName)).toEqual(["R-1659", "R-CAPT", "R-SETL"]);
    expect(carried.get(files.nextDay.fileName)).toEqual(["R-1700"]);
    expect(carried.size).toBe(4);
    // Another practice's payment is in none of this practice's files, and not readable here.
    const other = await database.db.payment.findUniqueOrThrow({ where: { receiptNumber: "R-OTHR" } });
    await expect(getPaymentForStaffOrThrow({ practiceId, paymentId: other.id })).rejects.toThrow(
      /not found/i,
    );
    const own = await getPaymentForStaffOrThrow({ practiceId: other.practiceId, paymentId: other.id });
    expect(own.postings).toEqual([]);
  });

  it("writes a day's file once: a second call, and a second worker at the same time, get the same file", async () => {
    const [a, b] = await Promise.all([produce("IMDPA12", "2026-03-03"), produce("IMDPA12", "2026-03-03")]);
    expect([a.outcome, b.outcome].sort()).toEqual(expect.arrayContaining(["produced"]));
    expect([a.outcome, b.outcome].filter((o) => o === "produced")).toHaveLength(1);
    const again = await produce("IMDPA12", "2026-03-03");
    expect(again).toMatchObject({ outcome: "existing", file: { id: a.file.id } });
    expect(await database.db.postingFile.count({ where: { format: "IMDPA12" } })).toBe(1);
    expect((await textOf(a.file.id)).trimEnd().split("\n")).toHaveLength(9);
  });

  it("refuses a format its settings cannot write yet, before claiming anything", async () => {
    await database.db.postingSettings.update({ where: { practiceId }, data: { lockboxNumber: null } });
    try {
      await expect(produce("LOCKBOX_A", "2026-03-03")).rejects.toThrow(/lockbox number/);
      expect(await database.db.postingFile.count()).toBe(0);
    } finally {
      await database.db.postingSettings.update({ where: { practiceId }, data: { lockboxNumber: "104201" } });
    }
  });

  it("marks a file that failed FAILED, and the next run finishes it", async () => {
    // An account number Lockbox A cannot hold (over 20 characters) fails the file midway.
    const account = statements.get("ST-1001")!.accountId;
    const { accountNumber } = await database.db.account.findUniqueOrThrow({ where: { id: account } });
    await database.db.account.update({ where: { id: account }, data: { accountNumber: "A".repeat(21) } });
    try {
      await expect(produce("LOCKBOX_A", "2026-03-03")).rejects.toThrow(/at most 20 characters/);
      const failed = await database.db.postingFile.findFirstOrThrow({ where: { format: "LOCKBOX_A" } });
      expect(failed.status).toBe("FAILED");
      expect(await database.db.postingFileChunk.count({ where: { fileId: failed.id } })).toBe(0);
    } finally {
      await database.db.account.update({ where: { id: account }, data: { accountNumber } });
    }
    clock.set(est("2026-03-04T09:00:00"));
    const run = await runPostingFiles({ now: clock.now() });
    const finished = await database.db.postingFile.findFirstOrThrow({ where: { format: "LOCKBOX_A" } });
    expect(finished.status).toBe("READY");
    expect(await textOf(finished.id)).toContain("T0000000000110400000000003");
    expect(run.produced).toBe(3); // the lockbox file finished, and the day's IMDPA 1.4 and 835
  });

  it("the job writes the closed days only, makes up missed days and delivers them to the outbox", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "posting-outbox-"));
    process.env.EXPORT_OUTBOX_DIR = dir;
    try {
      // 16:00 on 2026-03-04: the day has not closed; the latest closed day is 2026-03-03.
      clock.set(est("2026-03-04T16:00:00"));
      expect(await runPostingFiles({ now: clock.now() })).toMatchObject({ produced: 3, delivered: 3 });
      expect((await readdir(dir)).sort()).toEqual([
        "IMDPA14_RFM001_20260303.txt",
        "LOCKBOXA_RFM001_20260303.txt",
        "RFM001_dpa835_20260303_1.rep",
      ]);
      const imdpa = await database.db.postingFile.findFirstOrThrow({ where: { format: "IMDPA14" } });
      expect(await readFile(path.join(dir, imdpa.fileName), "utf8")).toBe(await textOf(imdpa.id));
      // Nothing ran for two days: the next run writes 03-04 and 03-05 (closed at 17:05), not 03-06.
      clock.set(est("2026-03-06T16:00:00"));
      expect(await runPostingFiles({ now: clock.now() })).toMatchObject({
        produced: 6,
        existing: 0,
        delivered: 6,
      });
      const days = await database.db.postingFile.findMany({
        where: { format: "IMDPA14" },
        orderBy: { businessDay: "asc" },
      });
      expect(days.map((f) => f.businessDay.toISOString().slice(0, 10))).toEqual([
        "2026-03-03",
        "2026-03-04",
        "2026-03-05",
      ]);
      // Run again: nothing new.
      expect(await runPostingFiles({ now: clock.now() })).toMatchObject({ produced: 0, delivered: 0 });
    } finally {
      delete process.env.EXPORT_OUTBOX_DIR;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("writes the deposit file from the settlement batches effective that day, and hides another practice's file", async () => {
    const byReceipt = async (receipt: string) =>
      database.db.payment.findUniqueOrThrow({ where: { receiptNumber: receipt }, select: { id: true } });
    const refund = await database.db.refund.findFirstOrThrow({ where: { gatewayRefundId: "rf_R-SETL" } });
    const batch = async (
      gatewayBatchId: string,
      traceNumber: string,
      effectiveDate: string,
      items: {
        receipt: string;
        kind: "SALE" | "REFUND" | "RETURN" | "CHARGEBACK" | "ERROR";
        amountCents: number;
        refundId?: string;
      }[],
    ) => {
      const created = await database.db.settlementBatch.create({
        data: {
          practiceId,
          gatewayBatchId,
          traceNumber,
          effectiveDate: day(effectiveDate),
          settledAt: est("2026-03-03T20:00:00"),
          itemCount: items.length,
          totalCents: 0,
          returnsCents: 0,
        },
      });
      for (const item of items) {
        await database.db.settlementBatchItem.create({
          data: {
            batchId: created.id,
            paymentId: (await byReceipt(item.receipt)).id,
            refundId: item.refundId ?? null,
            kind: item.kind,
            amountCents: item.amountCents,
          },
        });
      }
    };
    await batch("sb_1", "091000010000001", "2026-03-04", [
      { receipt: "R-SETL", kind: "SALE", amountCents: 5000 },
      { receipt: "R-SETL", kind: "REFUND", amountCents: 2500, refundId: refund.id },
      { receipt: "R-RETN", kind: "RETURN", amountCents: 7000 },
      { receipt: "R-CHBK", kind: "CHARGEBACK", amountCents: 4000 },
      { receipt: "R-CAPT", kind: "ERROR", amountCents: 12540 },
    ]);
    await batch("sb_2", "091000010000002", "2026-03-05", [
      { receipt: "R-1659", kind: "SALE", amountCents: 1000 },
    ]);
    try {
      const { file } = await produce("DEPOSIT_10", "2026-03-04");
      expect(file.fileName).toBe("PaymentDepositReport-20260304-sandbox-rfm.txt");
      const lines = (await textOf(file.id))
        .trimEnd()
        .split("\n")
        .map((l) => l.split("|"));
      expect(
        lines.every(
          (f) => f.length === 22 && f[0] === "IMPDF10" && f[4] === "091000010000001" && f[5] === "20260304",
        ),
      ).toBe(true);
      expect(lines.map((f) => `${f[16]} ${f[7]} ${f[8]} ${f[13]}`).sort()).toEqual(
        [
          `${DEMO.guestStatement.accountNumber} AuthCapt 50.00 S`,
          `${DEMO.guestStatement.accountNumber} Credit 25.00 S`,
          `${DEMO.guestStatement.accountNumber} Return 70.00 RI`,
          `${DEMO.guestStatement.accountNumber} Return 40.00 CB`,
          `${DEMO.guestStatement.accountNumber} AuthCapt 125.40 SE`,
        ].sort(),
      );
      // The files that carried each payment: the deposit file carried the four with an item in its batches.
      const depositCarried = [];
      for (const receipt of ["R-SETL", "R-RETN", "R-CHBK", "R-CAPT", "R-1659"]) {
        const { postings } = await getPaymentForStaffOrThrow({
          practiceId,
          paymentId: (await byReceipt(receipt)).id,
        });
        if (postings.some((p) => p.reference === file.id)) depositCarried.push(receipt);
      }
      expect(depositCarried).toEqual(["R-SETL", "R-RETN", "R-CHBK", "R-CAPT"]);

      expect(await getReadyPostingFileOrThrow({ practiceId, fileId: file.id })).toMatchObject({
        formatName: "deposit",
      });
      const other = await database.db.practice.findUniqueOrThrow({ where: { clientId: "ELSEWHERE" } });
      await expect(
        getReadyPostingFileOrThrow({ practiceId: other.id, fileId: file.id }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    } finally {
      await database.db.settlementBatch.deleteMany({});
    }
  });
});
