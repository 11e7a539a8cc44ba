import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setGatewayForTests } from "@/lib/gateway";
import { createFakeGateway } from "@/lib/gateway/fake";
import { processImportInbox } from "@/lib/imports/inbox";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const line = (statementNumber: string, amount: string) =>
  ["IMPSCIF", "P-INBOX", "Robin", "", "Hale", "19790302", "", statementNumber, amount, "20261120", "RFM001"]
    .concat(Array.from({ length: 11 }, () => ""))
    .concat(["A"])
    .join("|");

describe("the import inbox", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "portal-inbox-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("imports the PMS's files, files away each one, writes the acknowledgement, and leaves other files alone", async () => {
    const good = "PS_RFM001_20261124_A1.txt";
    await writeFile(path.join(dir, good), `${line("ST-INBOX-1", "42.00")}\n${line("ST-INBOX-2", "x")}\n`);
    await writeFile(path.join(dir, "PS_NOBODY_20261124_A2.txt"), `${line("ST-INBOX-3", "1.00")}\n`);
    await writeFile(path.join(dir, "PS_bad-name.txt"), "whatever\n");
    await writeFile(path.join(dir, "notes.md"), "not a balance file\n");

    expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 2 });
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-INBOX-1" } }))
        .balanceCents,
    ).toBe(4200);
    expect(await database.db.statement.findUnique({ where: { statementNumber: "ST-INBOX-3" } })).toBeNull();
    expect((await readdir(dir)).filter((f) => f.includes("."))).toEqual(["notes.md"]);
    expect(await readdir(path.join(dir, "processed"))).toEqual([good]);
    expect((await readdir(path.join(dir, "rejected"))).sort()).toEqual([
      "PS_NOBODY_20261124_A2.txt",
      "PS_NOBODY_20261124_A2.txt.reason.txt",
      "PS_bad-name.txt",
      "PS_bad-name.txt.reason.txt",
    ]);
    expect(
      await readFile(path.join(dir, "rejected", "PS_NOBODY_20261124_A2.txt.reason.txt"), "utf8"),
    ).toContain("NOBODY");
    const ack = await readFile(path.join(dir, "ack", "IMIFACK_PS_RFM001_20261124_A1.txt"), "utf8");
    expect(ack.split("\n").map((l) => l.split("|").slice(0, 4).join("|"))).toEqual([
      "IMIFACK|1|IMPSCIF|A",
      "IMIFACK|2|IMPSCIF|R",
      "",
    ]);
  });

  it("files the same file away again without changing anything", async () => {
    const before = await database.db.importFile.count();
    await writeFile(
      path.join(dir, "PS_RFM001_20261124_A1.txt"),
      `${line("ST-INBOX-1", "42.00")}\n${line("ST-INBOX-2", "x")}\n`,
    );
    expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 0 });
    expect(await database.db.importFile.count()).toBe(before);
  });
});

describe("the import inbox with autopay files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "portal-inbox-autopay-"));
    setGatewayForTests(createFakeGateway());
  });
  afterAll(async () => {
    setGatewayForTests(undefined);
    await rm(dir, { recursive: true, force: true });
  });

  /** An APCD line for A-1001 (fields by position). */
  const apcd = (n: number, f: Record<number, string> = {}) => {
    const fields: Record<number, string> = {
      1: "APCD",
      2: String(n),
      3: "A-1001",
      9: "P-1001",
      10: "Pat",
      11: "Rivera",
      24: "Rivera",
      26: "011000015",
      27: "000123456789",
      34: "Y",
      35: "250.00",
      ...f,
    };
    return Array.from({ length: 36 }, (_, i) => fields[i + 1] ?? "").join("|");
  };

  it("imports APC_ (enrolment, with its APCACK) and APCTERM_ (unenrolment, no acknowledgement) files by their names", async () => {
    const enrol = "APC_RFM001_20261124_E1.txt";
    const unenrol = "APCTERM_RFM001_20261125_U1.txt";
    await writeFile(path.join(dir, enrol), ["APCH|2|11242026", apcd(1), apcd(2, { 3: "A-NONE" })].join("\n"));
    await writeFile(path.join(dir, "APC_bad.txt"), "APCH|0|11242026\n");
    await writeFile(
      path.join(dir, "APCTERM_NOBODY_20261125_U2.txt"),
      "APCTERMHDR|20261125|0\nAPCTERMTRL|0\n",
    );

    expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 2 });
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
    expect(
      await database.db.autopayEnrollment.findFirst({ where: { accountId: account.id, status: "ACTIVE" } }),
    ).toMatchObject({ source: "FILE", limitCents: 25000 }); // $250.00
    expect(await readFile(path.join(dir, "ack", `APCACK_${enrol}`), "utf8")).toMatch(
      /^APCACK\|1\|A\nAPCACK\|2\|R\|3\|UNKNOWN_ACCOUNT\|/,
    );
    expect((await readdir(path.join(dir, "rejected"))).sort()).toEqual([
      "APCTERM_NOBODY_20261125_U2.txt",
      "APCTERM_NOBODY_20261125_U2.txt.reason.txt",
      "APC_bad.txt",
      "APC_bad.txt.reason.txt",
    ]);
    expect(await readFile(path.join(dir, "rejected", "APC_bad.txt.reason.txt"), "utf8")).toContain(
      "APC_<ClientID>_<YYYYMMDD>_<UniqueID>.txt",
    );

    await writeFile(
      path.join(dir, unenrol),
      ["APCTERMHDR|20261125|1", "APCTERMDTL||A-1001|Rivera|Pat", "APCTERMTRL|1"].join("\n"),
    );
    expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 0 });
    expect(
      await database.db.autopayEnrollment.count({ where: { accountId: account.id, status: "ACTIVE" } }),
    ).toBe(0);
    expect((await readdir(path.join(dir, "processed"))).sort()).toEqual([enrol, unenrol].sort());
    expect((await readdir(path.join(dir, "ack"))).filter((f) => f.includes("APCTERM"))).toEqual([]);
  });
});

describe("the import inbox with payment transaction files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "portal-inbox-payments-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("records the payments of a PT_ file and writes its IMIA10 acknowledgement", async () => {
    const practice = await database.db.practice.findUniqueOrThrow({ where: { clientId: "RFM001" } });
    const account = await database.db.account.create({
      data: {
        practiceId: practice.id,
        accountNumber: "PT-INBOX",
        guarantorFirstName: "Robin",
        guarantorLastName: "Hale",
      },
    });
    await database.db.statement.create({
      data: {
        accountId: account.id,
        statementNumber: "PT-INBOX-S1",
        statementDate: new Date("2026-10-01"),
        amountDueCents: 5000,
        balanceCents: 5000,
        patientFirstName: "Robin",
        patientLastName: "Hale",
        patientDob: new Date("1979-03-02"),
      },
    });
    const payment = (amount: string) =>
      Array.from(
        { length: 30 },
        (_, i) =>
          ({ 1: "IMPTI10", 5: "Cash", 6: "AuthCapt", 7: "20261120", 8: amount, 30: "PT-INBOX" })[i + 1] ?? "",
      ).join("|");
    const name = "PT_RFM001_20261124_D1.txt";
    await writeFile(path.join(dir, name), `${payment("12.50")}\n${payment("999.00")}\n`);
    await writeFile(path.join(dir, "PT_bad.txt"), `${payment("1.00")}\n`);

    expect(await processImportInbox({ dir })).toEqual({ imported: 1, rejected: 1 });
    expect(
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "PT-INBOX-S1" } }))
        .balanceCents,
    ).toBe(3750);
    expect(await readFile(path.join(dir, "ack", `IMIA10_${name}`), "utf8")).toMatch(
      /^IMIA10\|1\|IMPTI10\|A\nIMIA10\|2\|IMPTI10\|R\|8\|AMOUNT_EXCEEDS_BALANCE\|/,
    );
    expect(await readdir(path.join(dir, "processed"))).toEqual([name]);
  });
});
