import { inspect } from "node:util";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TAuditActor } from "@/lib/audit/record";
import { readAckText } from "@/lib/imports/ack-store";
import { importFile } from "@/lib/imports/importers";
import { importPaymentFile } from "@/lib/imports/payment-import";
import { createFakeGateway } from "@/lib/gateway/fake";
import { refundPayment } from "@/lib/payments/refund-payment";
import { voidPayment } from "@/lib/payments/void-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { storedTextByTable } from "@/lib/test/stored-text";
import { setupTestDatabase } from "@/lib/test/test-db";
import { log } from "@/lib/log";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.92");

/** An IMPTI10 line: a good cash row of $`amount` for `account`, then fields by position (38 fields). */
const row = (account: string, amount: string, f: Record<number, string> = {}) => {
  const fields: Record<number, string> = {
    1: "IMPTI10",
    2: "M1",
    3: "FRONT-DESK",
    4: "T1",
    5: "Cash",
    6: "AuthCapt",
    7: "20261120",
    8: amount,
    16: "Jordan Park",
    27: "Park",
    28: "Jordan",
    30: account,
    ...f,
  };
  return Array.from({ length: 38 }, (_, i) => fields[i + 1] ?? "").join("|");
};

/** The file as it arrives in chunks (a stream), readable again for each pass. */
const fileOf = (lines: string[]) =>
  async function* () {
    const bytes = new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
    yield bytes.slice(0, 50);
    yield bytes.slice(50);
  };

describe("importing payment transactions (IMPTI10)", () => {
  let practiceId: string;
  let actor: TAuditActor;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    actor = { kind: "user", userId: staff.id, role: "BILLING_MANAGER", label: DEMO.staff.email };
  });

  let fileSeq = 0;
  const run = (lines: string[], fileName = `PT_${DEMO.practice.clientId}_20261124_${++fileSeq}.txt`) =>
    importPaymentFile({ practiceId, fileName, read: fileOf(lines), actor, context });

  /** An account of the practice with statements (oldest first) owing these amounts in cents. */
  const account = async (number: string, balances: number[], inPracticeId = practiceId) => {
    const created = await database.db.account.create({
      data: {
        practiceId: inPracticeId,
        accountNumber: number,
        guarantorFirstName: "Jordan",
        guarantorLastName: "Park",
      },
    });
    const statements = [];
    for (const [i, cents] of balances.entries()) {
      statements.push(
        await database.db.statement.create({
          data: {
            accountId: created.id,
            statementNumber: `${number}-S${i + 1}`,
            statementDate: new Date(Date.UTC(2026, 8 + i, 1)),
            amountDueCents: cents,
            balanceCents: cents,
            patientFirstName: "Jordan",
            patientLastName: "Park",
            patientDob: new Date("1990-01-01"),
          },
        }),
      );
    }
    return { id: created.id, statements };
  };

  const balancesOf = async (accountId: string) =>
    (
      await database.db.statement.findMany({
        where: { accountId },
        orderBy: { statementDate: "asc" },
        select: { balanceCents: true, status: true },
      })
    ).map((s) => `${s.balanceCents}:${s.status}`);

  const paymentsOf = (accountId: string) =>
    database.db.payment.findMany({
      where: { accountId },
      orderBy: { createdAt: "asc" },
      include: { allocations: { orderBy: { createdAt: "asc" } }, events: true },
    });

  it("applies a payment to the account's statements oldest first, as a captured IMPORT payment with a receipt and an audit row", async () => {
    const a = await account("PI-OLDEST", [3000, 5000]);
    const result = await run([row("PI-OLDEST", "45.00")]);
    expect(result).toMatchObject({ rowCount: 1, acceptedCount: 1, rejectedCount: 0, isDuplicate: false });
    expect(result.outcomes).toEqual({ recorded: 1, duplicates: 0 });
    expect(await balancesOf(a.id)).toEqual(["0:PAID", "3500:PARTIALLY_PAID"]);
    const [payment] = await paymentsOf(a.id);
    expect(payment).toMatchObject({
      channel: "IMPORT",
      status: "CAPTURED",
      methodKind: "CASH",
      amountCents: 4500,
      last4: null,
      payerName: "Jordan Park",
      importFileId: result.importFileId,
      importLineNumber: 1,
      payerUserId: null,
      receiptEmailDueAt: null,
    });
    expect(payment!.receiptNumber).toMatch(/^R-20261120-[2-9A-Z]{6}$/);
    expect(payment!.allocations.map((x) => [x.statementId, x.amountCents])).toEqual([
      [a.statements[0]!.id, 3000],
      [a.statements[1]!.id, 1500],
    ]);
    expect(payment!.events.map((e) => e.type)).toEqual(["import.recorded"]);
    const events = await database.db.integrationEvent.findMany({ where: { paymentId: payment!.id } });
    expect(events.map((e) => e.type)).toEqual(["payment.approved"]);
    expect(JSON.parse(events[0]!.body).data.payment).toMatchObject({
      channel: "import",
      amount_cents: 4500,
      receipt_number: payment!.receiptNumber,
      applied_to: [
        { statement_number: a.statements[0]!.statementNumber, amount_cents: 3000 },
        { statement_number: a.statements[1]!.statementNumber, amount_cents: 1500 },
      ],
    });
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "payment.imported", targetId: payment!.id },
    });
    expect(audit).toMatchObject({ actorUserId: actor.kind === "user" ? actor.userId : null, ip: context.ip });
    expect(await readAckText(result.importFileId)).toBe("IMIA10|1|IMPTI10|A\n");
  });

  it("applies all of it to the statement named in field 38, with the card's brand and last 4", async () => {
    const a = await account("PI-NAMED", [3000, 5000]);
    const result = await run([
      row("PI-NAMED", "20.00", {
        5: "CreditCard",
        9: "VISA",
        11: "************4242",
        14: "OK1234",
        38: "PI-NAMED-S2",
      }),
    ]);
    expect(result.acceptedCount).toBe(1);
    expect(await balancesOf(a.id)).toEqual(["3000:OPEN", "3000:PARTIALLY_PAID"]);
    const [payment] = await paymentsOf(a.id);
    expect(payment).toMatchObject({
      methodKind: "CARD",
      brand: "visa",
      last4: "4242",
      authorizationCode: "OK1234",
    });
    expect(payment!.allocations.map((x) => x.statementId)).toEqual([a.statements[1]!.id]);
  });

  it("rejects a row with a full card number, and the number is nowhere: not in the ack, the rows, the audit, any table or the logs", async () => {
    const a = await account("PI-SCAN", [10000]);
    const digits = "4000056655665556";
    const spaced = "4000 0566 5566 5556";
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((x) => (typeof x === "string" ? x : inspect(x, { depth: 8 }))).join(" "));
      });
    }
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace"] as const) {
      vi.spyOn(log, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((x) => (typeof x === "string" ? x : inspect(x, { depth: 8 }))).join(" "));
      });
    }
    const result = await run([
      row("PI-SCAN", "10.00", { 5: "CreditCard", 11: spaced }),
      row("PI-SCAN", "11.00", { 5: "CreditCard", 11: digits, 14: digits }),
      row("PI-SCAN", "12.00", { 5: "CreditCard", 16: `Card ${digits}` }),
      `${digits}|${digits}`,
      row("PI-SCAN", "5.00", { 5: "CreditCard", 11: "4242" }), // the good one
    ]);
    expect(result).toMatchObject({ rowCount: 5, acceptedCount: 1, rejectedCount: 4 });
    expect(await balancesOf(a.id)).toEqual(["9500:PARTIALLY_PAID"]);
    const ack = await readAckText(result.importFileId);
    expect(ack.split("\n").slice(0, 3)).toEqual([
      expect.stringMatching(/^IMIA10\|1\|IMPTI10\|R\|11\|FULL_CARD_NUMBER\|/),
      expect.stringMatching(/^IMIA10\|2\|IMPTI10\|R\|11\|FULL_CARD_NUMBER\|.*\|14\|FULL_CARD_NUMBER\|/),
      expect.stringMatching(/^IMIA10\|3\|IMPTI10\|R\|16\|FULL_CARD_NUMBER\|/),
    ]);
    expect(ack).toContain("IMIA10|4||R|1|BAD_RECORD_ID|");

    const stored = await storedTextByTable(database.sql);
    expect([...stored.keys()]).toEqual(
      expect.arrayContaining([
        "public.payment",
        "public.import_file_row",
        "public.import_file_ack_chunk",
        "public.audit_log",
      ]),
    );
    const everything = [...stored.values()].join("\n");
    const pieces = [digits, spaced, digits.slice(0, 12), digits.slice(4)];
    for (const piece of pieces) {
      expect(everything.includes(piece), `${piece} in the database`).toBe(false);
      expect(logged.join("\n").includes(piece), `${piece} in the logs`).toBe(false);
    }
    // The scan sees what is stored: the good row's last 4 is there.
    expect(everything).toContain(`"last4":"4242"`);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("changes nothing when the same file comes again", async () => {
    const a = await account("PI-TWICE", [3000]);
    const lines = [row("PI-TWICE", "10.00"), row("PI-NOPE", "1.00")];
    const first = await run(lines, "PT_TWICE_1.txt");
    const before = {
      balances: await balancesOf(a.id),
      payments: await database.db.payment.count(),
      audit: await database.db.auditLog.count(),
      rows: await database.db.importFileRow.count(),
      events: await database.db.integrationEvent.count(),
    };
    const again = await run(lines, "PT_TWICE_copy.txt");
    expect(again).toMatchObject({ importFileId: first.importFileId, isDuplicate: true, acceptedCount: 1 });
    expect({
      balances: await balancesOf(a.id),
      payments: await database.db.payment.count(),
      audit: await database.db.auditLog.count(),
      rows: await database.db.importFileRow.count(),
      events: await database.db.integrationEvent.count(),
    }).toEqual(before);
  });

  it("does not record a transaction twice when another file repeats it, yet records two identical rows of one file as two payments", async () => {
    const a = await account("PI-REPEAT", [10000]);
    const same = row("PI-REPEAT", "10.00", { 14: "AUTH1" });
    const first = await run([same, same]);
    expect(first).toMatchObject({ acceptedCount: 2, outcomes: { recorded: 2, duplicates: 0 } });
    expect(await balancesOf(a.id)).toEqual(["8000:PARTIALLY_PAID"]);
    // The next day's file repeats both and adds a third (and differs in a name: still the same transaction).
    const second = await run([same, row("PI-REPEAT", "10.00", { 14: "AUTH1", 16: "J. Park" }), same]);
    expect(second).toMatchObject({
      acceptedCount: 1,
      rejectedCount: 2,
      outcomes: { recorded: 1, duplicates: 2 },
    });
    expect(await balancesOf(a.id)).toEqual(["7000:PARTIALLY_PAID"]);
    const receipts = (await paymentsOf(a.id)).map((p) => p.receiptNumber);
    const ack = await readAckText(second.importFileId);
    expect(ack.split("\n")[0]).toBe(
      `IMIA10|1|IMPTI10|R|0|DUPLICATE_TRANSACTION|The record is a transaction already recorded from an earlier file (receipt ${receipts[0]}); it was not recorded again.`,
    );
    expect(ack.split("\n")[2]).toBe("IMIA10|3|IMPTI10|A");
  });

  it("records the good rows around a bad one, and rejects an unknown account, another practice's, an overpayment, a Credit and an unknown statement", async () => {
    const a = await account("PI-MIXED", [2000, 1000]);
    const other = await database.db.practice.create({
      data: { name: "Other practice", clientId: "OTHER-PI", timeZone: "America/New_York" },
    });
    await account("PI-FOREIGN", [5000], other.id);
    const result = await run([
      row("PI-MIXED", "5.00"),
      row("PI-MIXED", "abc"),
      row("PI-UNKNOWN", "5.00"),
      row("PI-FOREIGN", "5.00"),
      row("PI-MIXED", "100.00"),
      row("PI-MIXED", "5.00", { 6: "Credit" }),
      row("PI-MIXED", "5.00", { 38: "PI-FOREIGN-S1" }),
      row("PI-MIXED", "5.00", { 27: "Somebody" }),
      row("PI-MIXED", "15.00", { 5: "Check", 11: "1043", 38: "PI-MIXED-S1" }),
    ]);
    expect(result).toMatchObject({ rowCount: 9, acceptedCount: 2, rejectedCount: 7 });
    expect(await balancesOf(a.id)).toEqual(["0:PAID", "1000:OPEN"]);
    const codes = (await readAckText(result.importFileId))
      .trimEnd()
      .split("\n")
      .map((l) => {
        const f = l.split("|");
        return f[3] === "A" ? `${f[1]}:A` : `${f[1]}:${f[4]}:${f[5]}`;
      });
    expect(codes).toEqual([
      "1:A",
      "2:8:BAD_AMOUNT",
      "3:30:UNKNOWN_ACCOUNT",
      "4:30:UNKNOWN_ACCOUNT",
      "5:8:AMOUNT_EXCEEDS_BALANCE",
      "6:6:UNSUPPORTED_ACTION",
      "7:38:UNKNOWN_STATEMENT",
      "8:27:NAME_MISMATCH",
      "9:A",
    ]);
    const foreign = await database.db.account.findFirstOrThrow({ where: { accountNumber: "PI-FOREIGN" } });
    expect(await balancesOf(foreign.id)).toEqual(["5000:OPEN"]);
    const check = (await paymentsOf(a.id)).find((p) => p.methodKind === "CHECK");
    expect(check).toMatchObject({ last4: "1043", amountCents: 1500 });
    const page = await database.db.importFileRow.findMany({
      where: { fileId: result.importFileId, accepted: false },
      orderBy: { lineNumber: "asc" },
    });
    expect(page.map((r) => r.lineNumber)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it("rejects a transaction dated after today in the practice's zone", async () => {
    await account("PI-FUTURE", [1000]);
    const result = await run([row("PI-FUTURE", "5.00", { 7: "20991231" })]);
    expect(await readAckText(result.importFileId)).toMatch(/^IMIA10\|1\|IMPTI10\|R\|7\|BAD_DATE\|/);
  });

  it("imports the same way directly (the API) and through importFile (upload, inbox)", async () => {
    const a = await account("PI-TEXT", [1000, 1000]);
    const direct = await importPaymentFile({
      practiceId,
      fileName: "api-1.txt",
      read: fileOf([row("PI-TEXT", "4.00")]),
      actor: { kind: "system" },
    });
    expect(direct).toMatchObject({ acceptedCount: 1, isDuplicate: false });
    const viaKind = await importFile({
      kind: "PAYMENT_IMPORT",
      practiceId,
      fileName: "upload.txt",
      read: fileOf([row("PI-TEXT", "6.00")]),
      actor,
      context,
    });
    expect(viaKind).toMatchObject({ acceptedCount: 1 });
    expect(await balancesOf(a.id)).toEqual(["0:PAID", "1000:OPEN"]);
    const file = await database.db.importFile.findUniqueOrThrow({ where: { id: viaKind.importFileId } });
    expect(file).toMatchObject({
      kind: "PAYMENT_IMPORT",
      status: "PROCESSED",
      ackFileName: "IMIA10_upload.txt",
    });
    expect(
      await database.db.auditLog.count({ where: { action: "import.payment_file", targetId: file.id } }),
    ).toBe(1);
  });

  it("refuses to void or refund an imported payment: the processor never saw it", async () => {
    const admin = await database.db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const a = await account("PI-VOID", [1000]);
    const staff = { userId: admin.id, email: admin.email, role: admin.role, name: "Admin", practiceId };
    await run([row("PI-VOID", "10.00", { 5: "CreditCard", 11: "4242" })]);
    const [payment] = await paymentsOf(a.id);
    const gateway = createFakeGateway();
    await expect(
      voidPayment({ actor: staff, paymentId: payment!.id, reason: "wrong account", context, gateway }),
    ).rejects.toMatchObject({
      code: "NOT_VOIDABLE",
      userMessage: expect.stringContaining("outside the portal"),
    });
    await expect(
      refundPayment({
        actor: staff,
        paymentId: payment!.id,
        amountCents: 500,
        reason: "wrong account",
        context,
        gateway,
      }),
    ).rejects.toMatchObject({ code: "NOT_REFUNDABLE" });
    expect(await balancesOf(a.id)).toEqual(["0:PAID"]);
    expect(await database.db.refund.count({ where: { paymentId: payment!.id } })).toBe(0);
  });

  it("takes a failed import up again with the same file: the rows done are not recorded twice", async () => {
    const a = await account("PI-RETRY", [50000]);
    const lines = Array.from({ length: 150 }, () => row("PI-RETRY", "1.00"));
    const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
    let reads = 0;
    // The fingerprint pass reads it all; the import's pass breaks off after 120 lines, once.
    const read = () =>
      (async function* () {
        reads++;
        if (reads === 2) {
          yield bytes.slice(0, bytes.indexOf(10, 120 * (lines[0]!.length + 1) - 1));
          throw new Error("the upload was cut off");
        }
        yield bytes;
      })();
    const fileName = "PT_RETRY_1.txt";
    await expect(importPaymentFile({ practiceId, fileName, read, actor, context })).rejects.toThrow(
      "the upload was cut off",
    );
    const failed = await database.db.importFile.findFirstOrThrow({ where: { fileName } });
    expect(failed.status).toBe("FAILED");
    expect(await database.db.payment.count({ where: { accountId: a.id } })).toBe(100); // the first batch

    const again = await importPaymentFile({ practiceId, fileName, read, actor, context });
    expect(again).toMatchObject({ importFileId: failed.id, acceptedCount: 150, outcomes: { recorded: 50 } });
    expect(await database.db.payment.count({ where: { accountId: a.id } })).toBe(150);
    expect(await balancesOf(a.id)).toEqual(["35000:PARTIALLY_PAID"]);
    const ack = await readAckText(failed.id);
    expect(ack.trimEnd().split("\n")).toHaveLength(150);
    expect(ack).not.toContain("|R|");
  });
});
