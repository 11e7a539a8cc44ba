import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
