import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, startTestGateway, type TTestGateway } from "@/gateway/test/harness";
import type { TAuditActor } from "@/lib/audit/record";
import { AUTOPAY_FILE_CONSENT_VERSION } from "@/lib/autopay/consent";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createHttpGateway } from "@/lib/gateway/client";
import { GatewayError } from "@/lib/gateway/errors";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { TGateway } from "@/lib/gateway/interface";
import { readAckText } from "@/lib/imports/ack-store";
import { importEnrollmentFile } from "@/lib/imports/enrollment-import";
import { claimImportFile } from "@/lib/imports/import-file";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { storedTextByTable } from "@/lib/test/stored-text";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.91");
/** 24 Nov 2026, 10:00 in New York. */
const NOW = new Date("2026-11-24T15:00:00Z");

/** An APCD line: the defaults of a good Y row for `account`, then fields by position. */
const detail = (n: number, account: string, f: Record<number, string> = {}) => {
  const fields: Record<number, string> = {
    1: "APCD",
    2: String(n),
    3: account,
    9: `M-${account}`,
    10: "Pat",
    11: "Rivera",
    23: "Pat",
    24: "Rivera",
    26: "011000015",
    27: "000123456789",
    28: "Checking",
    34: "Y",
    35: "300.00",
    ...f,
  };
  return Array.from({ length: 36 }, (_, i) => fields[i + 1] ?? "").join("|");
};
const enrollmentFile = (details: string[], count = details.length) => [`APCH|${count}|11242026`, ...details];

/** The file as it arrives in chunks (a stream), readable again for each pass. */
const fileOf = (lines: string[]) =>
  async function* () {
    const text = `${lines.join("\r\n")}\r\n`;
    const bytes = new TextEncoder().encode(text);
    // Two chunks, cut mid-line, as a stream would deliver it.
    yield bytes.slice(0, 40);
    yield bytes.slice(40);
  };

describe("importing an autopay enrolment file (APCH/APCD)", () => {
  let practiceId: string;
  let actor: TAuditActor;
  let gateway: TFakeGateway;
  let a1001: string;
  let a2001: string;

  const run = (
    lines: string[],
    fileName = `APC_RFM001_20261124_${randomUUID().slice(0, 8)}.txt`,
    gw?: TGateway,
  ) =>
    importEnrollmentFile({
      practiceId,
      fileName,
      read: fileOf(lines),
      actor,
      context,
      gateway: gw ?? gateway,
    });
  const ackLines = async (importFileId: string) => (await readAckText(importFileId)).trimEnd().split("\n");
  const activeOf = (accountId: string) =>
    database.db.autopayEnrollment.findFirst({
      where: { accountId, status: "ACTIVE" },
      include: { paymentMethod: true },
    });
  /** Accounts the PMS's balance files would have made. */
  const accounts = async (prefix: string, n: number) => {
    const numbers = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
    await database.db.account.createMany({
      data: numbers.map((accountNumber) => ({
        practiceId,
        accountNumber,
        guarantorFirstName: "Robin",
        guarantorLastName: "Hale",
      })),
    });
    return numbers;
  };

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    actor = { kind: "user", userId: staff.id, role: "BILLING_MANAGER", label: staff.email };
    a1001 = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    a2001 = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } })).id;
    setClockForTests(fixedClock(NOW));
  });
  afterAll(() => setClockForTests(undefined));
  beforeEach(() => {
    gateway = createFakeGateway({ now: () => NOW });
  });

  it("enrols the good rows, rejects each bad one with its reason in APCACK, and keeps only the token and last 4", async () => {
    const result = await run(
      enrollmentFile([
        detail(1, "A-1001", { 6: "G-1", 8: "rivera", 22: "Household checking" }),
        detail(2, "A-1001", { 26: "011000016" }),
        detail(3, "A-9999"),
        detail(4, "A-2001", { 8: "Jones" }),
        detail(5, "A-2001", { 35: "" }),
        detail(6, "A-2001", { 4: "OTHER-CLINIC" }),
        detail(7, "", { 6: "", 9: "NOBODY" }),
      ]),
      "APC_RFM001_20261124_GOOD.txt",
    );
    expect(result).toMatchObject({
      isDuplicate: false,
      rowCount: 7,
      acceptedCount: 1,
      rejectedCount: 6,
      outcomes: { enrolled: 1 },
    });
    expect(await ackLines(result.importFileId)).toEqual([
      "APCACK|1|A",
      "APCACK|2|R|26|BAD_ROUTING_NUMBER|Bank routing number (field 26) is not a valid 9-digit ABA routing number.",
      "APCACK|3|R|3|UNKNOWN_ACCOUNT|Account ID (field 3) is not an account of this practice.",
      "APCACK|4|R|8|NAME_MISMATCH|Guarantor last name (field 8) is not the last name of the account's guarantor.",
      "APCACK|5|R|35|MISSING_FIELD|Autopay limit (field 35) is required to turn autopay on for an account that is not on autopay.",
      "APCACK|6|R|4|UNKNOWN_CLIENT|Group ID (field 4) is not this practice's client ID.",
      "APCACK|7|R|9|UNKNOWN_ACCOUNT|Member ID (field 9) is not an account of this practice.",
    ]);
    const file = await database.db.importFile.findUniqueOrThrow({
      where: { id: result.importFileId },
      include: { rows: { orderBy: { lineNumber: "asc" } } },
    });
    expect(file).toMatchObject({
      kind: "AUTOPAY_ENROLL",
      status: "PROCESSED",
      ackFileName: "APCACK_APC_RFM001_20261124_GOOD.txt",
    });
    // Rejected rows with their reasons; the accepted one recorded as done (never a line's text).
    expect(file.rows.map((r) => [r.lineNumber, r.accepted])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
    ]);

    // Only the good row's account went to the vault.
    expect(gateway.storedMethods.size).toBe(1);
    const enrollment = await activeOf(a1001);
    expect(enrollment).toMatchObject({
      source: "FILE",
      userId: null,
      limitCents: 30000, // $300.00
      consentVersion: AUTOPAY_FILE_CONSENT_VERSION,
      consentIp: null,
      consentedAt: NOW,
      paymentMethod: {
        accountId: a1001,
        userId: null,
        kind: "ACH",
        last4: "6789",
        bankName: "Federal Reserve Bank of Boston",
        bankAccountType: "CHECKING",
        holderName: "Pat Rivera",
        nickname: "Household checking",
        gatewayToken: [...gateway.storedMethods.keys()][0],
      },
    });
    expect(enrollment?.consentText).toContain("Riverside Family Medicine confirmed that it obtained");
    expect(enrollment?.consentText).toContain("APC_RFM001_20261124_GOOD.txt");
    expect(enrollment?.consentText).toContain("$300.00");
    expect(enrollment?.consentText).toContain("Bank account ••6789");
    expect(await activeOf(a2001)).toBeNull();

    const audits = await database.db.auditLog.findMany({
      where: { OR: [{ targetId: result.importFileId }, { targetId: enrollment!.id }] },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => [a.action, a.actorUserId])).toEqual([
      ["autopay.enrolled", actor.kind === "user" ? actor.userId : null],
      ["import.autopay_enrollment_file", actor.kind === "user" ? actor.userId : null],
    ]);
    expect(audits[0]?.metadata).toMatchObject({
      by: "file",
      importFileId: result.importFileId,
      lineNumber: 2,
    });
  });

  it("takes an account off autopay with an N row (no bank account vaulted); Y then N in one file ends off", async () => {
    const [on, onOff] = await accounts("EN-YN", 2);
    await run(enrollmentFile([detail(1, on!), detail(2, onOff!)]));
    const vaulted = gateway.storedMethods.size;
    expect(vaulted).toBe(2);
    const idOn = (await database.db.account.findFirstOrThrow({ where: { accountNumber: on } })).id;
    const idOnOff = (await database.db.account.findFirstOrThrow({ where: { accountNumber: onOff } })).id;
    const before = await activeOf(idOn);

    const result = await run(
      enrollmentFile([
        detail(1, on!, { 34: "N", 35: "" }),
        detail(2, onOff!, { 34: "N" }),
        detail(3, onOff!, { 34: "N" }),
      ]),
    );
    expect(result.outcomes).toMatchObject({ unenrolled: 2, alreadyOff: 1 });
    expect(await ackLines(result.importFileId)).toEqual(["APCACK|1|A", "APCACK|2|A", "APCACK|3|A"]);
    expect(gateway.storedMethods.size).toBe(vaulted);
    expect(await activeOf(idOn)).toBeNull();
    expect(await activeOf(idOnOff)).toBeNull();
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: before!.id } }),
    ).toMatchObject({ status: "CANCELLED", cancelledAt: NOW });
    expect(
      await database.db.auditLog.count({ where: { action: "autopay.unenrolled", targetId: before!.id } }),
    ).toBe(1);

    // Within one file the later row wins: on, off, on again.
    const again = await run(
      enrollmentFile([
        detail(1, on!, { 35: "50.00" }),
        detail(2, on!, { 34: "N" }),
        detail(3, on!, { 35: "75.00", 28: "business" }),
      ]),
    );
    expect(again.outcomes).toMatchObject({ enrolled: 2, unenrolled: 1 });
    expect(await activeOf(idOn)).toMatchObject({
      limitCents: 7500, // $75.00
      paymentMethod: { bankAccountType: "BUSINESS" },
    });
  });

  it("changes an active enrolment in place (the patient's own too): new method, limit and consent; a row without a limit keeps it", async () => {
    const patient = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const card = await database.db.paymentMethod.create({
      data: {
        userId: patient.id,
        kind: "CARD",
        gatewayToken: `pm_card_${randomUUID()}`,
        brand: "visa",
        last4: "4242",
      },
    });
    const [number] = await accounts("EN-CHG", 1);
    const accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: number } })).id;
    const own = await database.db.autopayEnrollment.create({
      data: {
        accountId,
        userId: patient.id,
        paymentMethodId: card.id,
        limitCents: 20000, // $200.00
        source: "WEB",
        consentText: "…",
        consentVersion: "autopay-consent-v1",
        consentedAt: new Date("2026-01-01T00:00:00Z"),
        consentIp: "203.0.113.1",
      },
    });

    const first = await run(enrollmentFile([detail(1, number!, { 35: "" })]));
    expect(first.outcomes).toMatchObject({ changed: 1 });
    const changed = await activeOf(accountId);
    expect(changed).toMatchObject({
      id: own.id,
      userId: patient.id,
      source: "FILE",
      limitCents: 20000, // kept: the row had no limit
      consentVersion: AUTOPAY_FILE_CONSENT_VERSION,
      consentIp: null,
      consentedAt: NOW,
      paymentMethod: { kind: "ACH", accountId },
    });
    // The patient's own card stays in their wallet.
    expect(
      (await database.db.paymentMethod.findUniqueOrThrow({ where: { id: card.id } })).removedAt,
    ).toBeNull();
    expect(
      await database.db.auditLog.findFirst({ where: { action: "autopay.changed", targetId: own.id } }),
    ).toMatchObject({ metadata: expect.objectContaining({ by: "file" }) });

    // A later file's bank account replaces the first file's, which is retired (nothing else uses it).
    const second = await run(enrollmentFile([detail(1, number!, { 27: "99887766", 35: "120.00" })]));
    expect(second.outcomes).toMatchObject({ changed: 1 });
    const now = await activeOf(accountId);
    expect(now).toMatchObject({ id: own.id, limitCents: 12000, paymentMethod: { last4: "7766" } });
    expect(
      (await database.db.paymentMethod.findUniqueOrThrow({ where: { id: changed!.paymentMethodId } }))
        .removedAt,
    ).toEqual(NOW);
  });

  it("imports the same file once: the second time is a duplicate and changes nothing", async () => {
    const [number] = await accounts("EN-DUP", 1);
    const lines = enrollmentFile([detail(1, number!)]);
    const first = await run(lines, "APC_RFM001_20261124_DUP.txt");
    const counts = async () => ({
      enrollments: await database.db.autopayEnrollment.count(),
      methods: await database.db.paymentMethod.count(),
      audits: await database.db.auditLog.count(),
      files: await database.db.importFile.count(),
      vaulted: gateway.storedMethods.size,
    });
    const before = await counts();
    const second = await run(lines, "APC_RFM001_20261124_DUP-again.txt");
    expect(second).toMatchObject({ isDuplicate: true, importFileId: first.importFileId, acceptedCount: 1 });
    expect(await counts()).toEqual(before);
  });

  it("a later file repeating an enrolment (a monthly full file) leaves it unchanged: one method, the vault's copy taken out", async () => {
    const [number] = await accounts("EN-AGAIN", 1);
    const accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: number } })).id;
    const first = await run(["APCH|1|11232026", detail(1, number!)]);
    expect(first.outcomes).toMatchObject({ enrolled: 1 });
    const enrolled = (await activeOf(accountId))!;

    const again = await run(["APCH|1|11242026", detail(1, number!)]);
    expect(again).toMatchObject({ isDuplicate: false, acceptedCount: 1 });
    expect(again.outcomes).toMatchObject({ unchanged: 1, changed: 0, enrolled: 0 });
    const after = (await activeOf(accountId))!;
    expect(after).toMatchObject({
      id: enrolled.id,
      paymentMethodId: enrolled.paymentMethodId,
      consentText: enrolled.consentText,
    });
    expect(await database.db.paymentMethod.count({ where: { accountId } })).toBe(1);
    expect(
      await database.db.auditLog.count({ where: { action: "autopay.changed", targetId: enrolled.id } }),
    ).toBe(0);
    // The gateway vaulted the account a second time; that copy is out of the vault again.
    const live = [...gateway.storedMethods.values()].filter((m) => !m.deletedAt);
    expect(live.map((m) => m.method.id)).toEqual([after.paymentMethod.gatewayToken]);

    // The same bank account under another holder is another authorisation: a new method.
    const renamed = await run(["APCH|1|11242026", detail(1, number!, { 23: "Robin", 24: "Hale" })]);
    expect(renamed.outcomes).toMatchObject({ changed: 1 });
    expect((await activeOf(accountId))!.paymentMethod).toMatchObject({ holderName: "Robin Hale" });
  });

  it("rejects a damaged file as a whole (count mismatch): nothing vaulted or enrolled, every row R", async () => {
    const [number] = await accounts("EN-BAD", 1);
    const accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: number } })).id;
    const result = await run(enrollmentFile([detail(1, number!), detail(2, number!, { 26: "1" })], 3));
    expect(result).toMatchObject({ rowCount: 2, acceptedCount: 0, rejectedCount: 2 });
    expect(gateway.storedMethods.size).toBe(0);
    expect(await activeOf(accountId)).toBeNull();
    const lines = await ackLines(result.importFileId);
    expect(lines[0]).toBe(
      "APCACK|0|R|0|COUNT_MISMATCH|The file (field 0) has 2 detail records but its header says 3.",
    );
    expect(lines[1]).toMatch(/^APCACK\|1\|R\|0\|FILE_REJECTED\|/);
    expect(lines[2]).toMatch(/^APCACK\|2\|R\|26\|BAD_ROUTING_NUMBER\|.*\|0\|FILE_REJECTED\|/);
    const rows = await database.db.importFileRow.findMany({
      where: { fileId: result.importFileId },
      orderBy: { lineNumber: "asc" },
    });
    expect(rows.map((r) => r.lineNumber)).toEqual([0, 2, 3]);
  });

  it("rejects a row whose account the gateway's vault refuses, and goes on with the others", async () => {
    const [refused, fine] = await accounts("EN-REF", 2);
    const picky: TGateway = {
      ...gateway,
      storeBankAccount: async (input) => {
        if (input.accountNumber.endsWith("4444")) {
          throw new GatewayError({
            code: "INVALID_REQUEST",
            gatewayCode: "invalid_request",
            status: 400,
            isRetryable: false,
            message: "refused",
          });
        }
        return gateway.storeBankAccount(input);
      },
    };
    const result = await run(
      enrollmentFile([detail(1, refused!, { 27: "11114444" }), detail(2, fine!)]),
      undefined,
      picky,
    );
    expect(await ackLines(result.importFileId)).toEqual([
      "APCACK|1|R|27|BAD_ACCOUNT_NUMBER|Bank account number (field 27) was refused by the payment gateway's vault.",
      "APCACK|2|A",
    ]);
  });

  it("a gateway failure midway leaves the import FAILED with the rows before it done; the same file again finishes it, once", async () => {
    const numbers = await accounts("EN-FAIL", 30);
    const lines = enrollmentFile(
      numbers.map((n, i) => detail(i + 1, n, { 27: `5000${String(i).padStart(4, "0")}` })),
    );
    let calls = 0;
    let isDown = true;
    /** The vault answers for line 29, but the answer is lost (then the gateway is down). */
    const flaky: TGateway = {
      ...gateway,
      storeBankAccount: async (input) => {
        calls++;
        if (isDown && input.idempotencyKey.endsWith(":29")) {
          await gateway.storeBankAccount(input);
          throw new GatewayError({
            code: "INDETERMINATE",
            isRetryable: false,
            message: "gateway unreachable: timed out",
          });
        }
        return gateway.storeBankAccount(input);
      },
    };
    const fileName = "APC_RFM001_20261124_FLAKY.txt";
    await expect(run(lines, fileName, flaky)).rejects.toMatchObject({ code: "INDETERMINATE" });
    const file = await database.db.importFile.findFirstOrThrow({ where: { fileName } });
    expect(file.status).toBe("FAILED");
    const ids = await database.db.account.findMany({
      where: { accountNumber: { in: numbers } },
      select: { id: true },
    });
    const enrolled = () =>
      database.db.autopayEnrollment.count({ where: { accountId: { in: ids.map((a) => a.id) } } });
    expect(await enrolled()).toBe(25); // the first batch, done and kept
    const vaultedBefore = gateway.storedMethods.size;
    expect(vaultedBefore).toBe(30);

    isDown = false;
    calls = 0;
    const retry = await run(lines, fileName, flaky);
    expect(retry).toMatchObject({
      importFileId: file.id,
      isDuplicate: false,
      rowCount: 30,
      acceptedCount: 30,
      outcomes: { enrolled: 5 },
    });
    // Only the 5 rows not done were vaulted again, under the same keys: the vault replayed them.
    expect(calls).toBe(5);
    expect(gateway.storedMethods.size).toBe(vaultedBefore);
    expect(await enrolled()).toBe(30);
    expect(
      await database.db.paymentMethod.count({ where: { accountId: { in: ids.map((a) => a.id) } } }),
    ).toBe(30);
    expect(await ackLines(file.id)).toEqual(numbers.map((_, i) => `APCACK|${i + 1}|A`));
    expect(
      await database.db.auditLog.count({
        where: { action: "autopay.enrolled", metadata: { path: ["importFileId"], equals: file.id } },
      }),
    ).toBe(30);
    // And now it is done: the same file again is a duplicate.
    expect((await run(lines, fileName, flaky)).isDuplicate).toBe(true);
  });

  it("lets only one of two runs take up a failed import", async () => {
    const sha256 = randomUUID().replace(/-/g, "");
    const input = { practiceId, kind: "AUTOPAY_ENROLL" as const, fileName: "x.txt", sha256, actor };
    const first = await claimImportFile(input);
    expect(first.isDuplicate).toBe(false);
    if (first.isDuplicate) return;
    await database.db.importFile.update({ where: { id: first.fileId }, data: { status: "FAILED" } });
    const claims = await Promise.all([claimImportFile(input), claimImportFile(input)]);
    expect(claims.filter((c) => !c.isDuplicate)).toHaveLength(1);
    expect(claims.find((c) => !c.isDuplicate)).toMatchObject({ fileId: first.fileId, isRetry: true });
  });

  it("stores no bank account number anywhere in the database", async () => {
    const [number] = await accounts("EN-SCAN", 1);
    const secrets = ["73519624862", "91827364550000"];
    await run(
      enrollmentFile([
        detail(1, number!, { 27: secrets[0]! }),
        detail(2, number!, { 27: secrets[1]!, 26: "011000016" }), // rejected: still no number kept
        detail(3, "A-NOPE", { 27: secrets[1]! }),
      ]),
    );
    const stored = await storedTextByTable(database.sql);
    expect([...stored.keys()]).toEqual(
      expect.arrayContaining([
        "public.payment_method",
        "public.autopay_enrollment",
        "public.import_file_row",
        "public.audit_log",
      ]),
    );
    for (const [table, text] of stored) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${table}`).toBe(false);
    }
    const everything = [...stored.values()].join("\n");
    // The scan sees what is stored: the last 4 is there (on the method), the number is not.
    expect(everything).toContain(`"last4":"${secrets[0]!.slice(-4)}"`);
  });
});

/** Through the real sandbox gateway over HTTP: the vault call, its replay and the stored method. */
describe("importing an enrolment file with the real gateway", () => {
  let gw: TTestGateway;
  let gateway: TGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    gateway = createHttpGateway({ baseUrl: gw.url, apiKey: API_KEY, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("vaults each good row's account at the gateway; a re-sent failed file replays the vault call", async () => {
    const practiceId = (await database.db.practice.findFirstOrThrow()).id;
    await database.db.account.create({
      data: {
        practiceId,
        accountNumber: "EN-HTTP-1",
        guarantorFirstName: "Robin",
        guarantorLastName: "Hale",
      },
    });
    const lines = enrollmentFile([
      detail(1, "EN-HTTP-1", { 26: "021000021", 27: "246813579", 28: "Savings" }),
    ]);
    let isLost = true;
    const losing: TGateway = {
      ...gateway,
      storeBankAccount: async (input) => {
        const stored = await gateway.storeBankAccount(input);
        if (isLost) throw new GatewayError({ code: "INDETERMINATE", isRetryable: false, message: "lost" });
        return stored;
      },
    };
    const input = {
      practiceId,
      fileName: "APC_RFM001_20261124_HTTP.txt",
      read: fileOf(lines),
      actor: { kind: "system" } as const,
      gateway: losing,
    };
    await expect(importEnrollmentFile(input)).rejects.toMatchObject({ code: "INDETERMINATE" });
    isLost = false;
    const result = await importEnrollmentFile(input);
    expect(result.outcomes.enrolled).toBe(1);
    const method = await database.db.paymentMethod.findFirstOrThrow({
      where: { account: { accountNumber: "EN-HTTP-1" } },
    });
    expect(method).toMatchObject({
      last4: "3579",
      bankAccountType: "SAVINGS",
      bankName: "JPMorgan Chase Bank, N.A.",
    });
    // The gateway holds it (and replayed it: the second call was the same key, one stored method).
    const atGateway = await gw.api.get<{ id: string; last4: string }>(
      `/v1/payment_methods/${method.gatewayToken}`,
    );
    expect(atGateway.body).toMatchObject({
      id: method.gatewayToken,
      last4: "3579",
      bank_account_type: "savings",
    });
    expect(gw.logs.filter((l) => l.startsWith("POST /v1/payment_methods 201"))).toHaveLength(2);
    expect(gw.logs.join("\n")).not.toContain("246813579");
  });
});
