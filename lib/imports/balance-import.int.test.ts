import { beforeAll, describe, expect, it } from "vitest";
import { readAckText } from "@/lib/imports/ack-store";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.90");

/** One IMPSCIF line: the 23 required-through-Status fields, then whatever is given by position. */
const row = (f: Record<number, string>) => {
  const fields = Array.from({ length: 48 }, (_, i) => f[i + 1] ?? "");
  fields[0] = f[1] ?? "IMPSCIF";
  return fields.join("|");
};
const good = (statementNumber: string, amount: string, extra: Record<number, string> = {}) =>
  row({
    2: "P-7001",
    3: "Morgan",
    5: "Ellis",
    6: "19850412",
    8: statementNumber,
    9: amount,
    10: "20261120",
    11: DEMO.practice.clientId,
    13: "Dr. Ana Ruiz",
    23: "A",
    36: "19103",
    38: "G-7001",
    39: "Morgan",
    40: "Ellis",
    ...extra,
  });

/** The file as it would arrive in chunks (a stream), readable again for each pass. */
const fileOf = (lines: string[]) =>
  async function* () {
    yield new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
  };

describe("importing a balance file (IMPSCIF)", () => {
  let practiceId: string;
  let staffUserId: string;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    staffUserId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } })).id;
  });

  const run = (lines: string[], fileName = "PS_RFM001_20261124_0001.txt") =>
    importBalanceFile({
      practiceId,
      fileName,
      read: fileOf(lines),
      actor: { kind: "user", userId: staffUserId, role: "BILLING_MANAGER", label: DEMO.staff.email },
      context,
    });

  const lines = [
    good("ST-9001", "240.00"),
    good("ST-9002", "15.50", { 2: "P-7002", 38: "" }), // no guarantor: the patient's own account
    good("ST-9003", "abc"), // bad amount
    good("ST-9004", "10.00", { 10: "20260230" }), // bad date
    good("ST-9005", "10.00", { 11: "SOMEONE-ELSE" }), // unknown client
    good("", "10.00"), // missing invoice number
    good("ST-1001", "99.99", { 2: "P-1001", 38: "A-1001" }), // an existing statement: its new balance
    good("ST-1002", "1.00", { 38: "G-7001" }), // an existing statement of another account
  ];

  it("creates or updates a statement per good row, rejects each bad row with its reasons, and acknowledges every row", async () => {
    const result = await run(lines);
    expect(result).toMatchObject({ isDuplicate: false, rowCount: 8, acceptedCount: 3, rejectedCount: 5 });

    const created = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-9001" },
      include: { account: true },
    });
    expect(created).toMatchObject({
      amountDueCents: 24000,
      balanceCents: 24000,
      status: "OPEN",
      patientFirstName: "Morgan",
      patientLastName: "Ellis",
      recipientZip: "19103",
      importFileId: result.importFileId,
    });
    expect(created.account).toMatchObject({
      accountNumber: "G-7001",
      guarantorLastName: "Ellis",
      practiceId,
    });
    const ownAccount = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-9002" },
      include: { account: true },
    });
    expect(ownAccount.account.accountNumber).toBe("P-7002");
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } })).balanceCents,
    ).toBe(9999);
    for (const number of ["ST-9003", "ST-9004", "ST-9005"]) {
      expect(await database.db.statement.findUnique({ where: { statementNumber: number } })).toBeNull();
    }

    const file = await database.db.importFile.findUniqueOrThrow({
      where: { id: result.importFileId },
      include: { rows: { orderBy: { lineNumber: "asc" } } },
    });
    expect(file.status).toBe("PROCESSED");
    expect(file.ackFileName).toBe("IMIFACK_PS_RFM001_20261124_0001.txt");
    const ack = (await readAckText(file.id)).trimEnd().split("\n");
    expect(ack).toHaveLength(8);
    expect(ack.map((l) => l.split("|").slice(0, 4).join("|"))).toEqual([
      "IMIFACK|1|IMPSCIF|A",
      "IMIFACK|2|IMPSCIF|A",
      "IMIFACK|3|IMPSCIF|R",
      "IMIFACK|4|IMPSCIF|R",
      "IMIFACK|5|IMPSCIF|R",
      "IMIFACK|6|IMPSCIF|R",
      "IMIFACK|7|IMPSCIF|A",
      "IMIFACK|8|IMPSCIF|R",
    ]);
    expect(ack[7]).toContain("ACCOUNT_MISMATCH");
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } })).balanceCents,
    ).toBe(89000);
    expect(ack[2]).toContain("BAD_AMOUNT");
    expect(ack[3]).toContain("BAD_DATE");
    expect(ack[4]).toContain("UNKNOWN_CLIENT");
    expect(ack[5]).toContain("MISSING_FIELD");
    expect(file.rows.map((r) => r.lineNumber)).toEqual([3, 4, 5, 6, 8]);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: "import.balance_file" } });
    expect(audit).toMatchObject({ actorUserId: staffUserId, targetId: result.importFileId });
  });

  it("changes nothing when the same file comes again", async () => {
    const before = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-9001" } });
    const files = await database.db.importFile.count();
    const again = await run(lines, "PS_RFM001_20261124_0001-resent.txt");
    expect(again).toMatchObject({ isDuplicate: true, rowCount: 8, acceptedCount: 3, rejectedCount: 5 });
    expect(await database.db.importFile.count()).toBe(files);
    const after = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-9001" } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("finishes an import that failed when the same file is sent again", async () => {
    const retry = [good("ST-9101", "12.00"), good("ST-9102", "13.00")];
    const first = await run(retry, "PS_RFM001_20261124_0003.txt");
    // As if the first attempt had died half-way: its record is FAILED and one row is missing.
    await database.db.importFile.update({ where: { id: first.importFileId }, data: { status: "FAILED" } });
    await database.db.statement.delete({ where: { statementNumber: "ST-9102" } });
    const again = await run(retry, "PS_RFM001_20261124_0003.txt");
    expect(again).toMatchObject({ importFileId: first.importFileId, isDuplicate: false, acceptedCount: 2 });
    expect(
      await database.db.statement.count({ where: { statementNumber: { in: ["ST-9101", "ST-9102"] } } }),
    ).toBe(2);
    expect(
      (await database.db.importFile.findUniqueOrThrow({ where: { id: first.importFileId } })).status,
    ).toBe("PROCESSED");
  });

  it("writes a file of several chunks in order: a later line wins, refusals land on their own lines", async () => {
    // 5,000 rows a chunk: this file spans three, with a statement repeated inside a chunk and
    // across chunks, a bad row and another account's statement in the second.
    const many = Array.from({ length: 12_000 }, (_, i) =>
      good(`ST-B${String(i).padStart(5, "0")}`, "1.00", { 2: `P-B${i % 3000}`, 38: "" }),
    );
    many[99] = good("ST-B00000", "2.22", { 2: "P-B0", 38: "" });
    // In the chunk after its first line's, which may still be being written beside it.
    many[5_200] = good("ST-B00150", "3.33", { 2: "P-B150", 38: "" });
    many[7_000] = good("ST-B07000", "x", { 2: "P-B0", 38: "" });
    many[7_001] = good("ST-1001", "5.00", { 2: "P-B1", 38: "" });
    many.push(good("ST-B00000", "7.77", { 2: "P-B0", 38: "" }));
    const result = await run(many, "PS_RFM001_20261124_0002.txt");
    expect(result).toMatchObject({ rowCount: 12_001, acceptedCount: 11_999, rejectedCount: 2 });
    expect(await database.db.statement.count({ where: { statementNumber: { startsWith: "ST-B" } } })).toBe(
      11_996, // ST-B00000…11999, less the four whose lines (100, 5,201, 7,001, 7,002) carry others
    );
    expect(await database.db.account.count({ where: { accountNumber: { startsWith: "P-B" } } })).toBe(3000);
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-B00000" } }))
        .balanceCents,
    ).toBe(777);
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-B00150" } }))
        .balanceCents,
    ).toBe(333);
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } })).balanceCents,
    ).toBe(9999); // still the demo account's, as the first test left it

    const ack = (await readAckText(result.importFileId)).trimEnd().split("\n");
    expect(ack).toHaveLength(12_001);
    expect(ack.every((line, i) => line.startsWith(`IMIFACK|${i + 1}|IMPSCIF|`))).toBe(true);
    expect(ack.filter((line) => line.split("|")[3] === "R").map((line) => line.split("|")[1])).toEqual([
      "7001",
      "7002",
    ]);
    expect(ack[7_000]).toContain("BAD_AMOUNT");
    expect(ack[7_001]).toContain("ACCOUNT_MISMATCH");
    const rows = await database.db.importFileRow.findMany({
      where: { fileId: result.importFileId },
      orderBy: { lineNumber: "asc" },
    });
    expect(rows.map((r) => r.lineNumber)).toEqual([7_001, 7_002]);
  });

  it("rejects a row with a NUL or another control character in a field, and imports the rest", async () => {
    const result = await run(
      [
        good("ST-9301", "12.00", { 3: "Mor\u0000gan" }),
        good("ST-9302", "13.00", { 13: "Dr. Ana\u0007 Ruiz" }),
        good("ST-9303", "14.00"),
      ],
      "PS_RFM001_20261124_0301.txt",
    );
    expect(result).toMatchObject({ acceptedCount: 1, rejectedCount: 2 });
    const imported = await database.db.statement.findMany({
      where: { statementNumber: { in: ["ST-9301", "ST-9302", "ST-9303"] } },
      select: { statementNumber: true },
    });
    expect(imported.map((s) => s.statementNumber)).toEqual(["ST-9303"]);
  });
});
