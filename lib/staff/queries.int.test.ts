import { describe, expect, it } from "vitest";
import { searchAccounts } from "@/lib/staff/queries";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const demoPracticeId = async () => (await database.db.practice.findFirstOrThrow()).id;

const accountNumbersFor = async (query: string) =>
  (await searchAccounts({ practiceId: await demoPracticeId(), query })).map((a) => a.accountNumber);

describe("searchAccounts (staff search)", () => {
  it.each([
    ["an account number", "A-1001", ["A-1001"]],
    ["an account number in lower case", " a-2001 ", ["A-2001"]],
    ["a statement number", "ST-2001", ["A-2001"]],
    ["a statement number in lower case", "st-1002", ["A-1001"]],
    ["a last name", "Rivera", ["A-1001"]],
    ["the start of a last name", "riv", ["A-1001"]],
    ["first and last name", "pat rivera", ["A-1001"]],
    ["last name, first name", "Rivera, Pat", ["A-1001"]],
    ["another patient's name", "Jordan Smith", ["A-2001"]],
    ["a US date of birth", "01/01/1980", ["A-1001"]],
    ["a US date of birth without zeros", "1/1/1980", ["A-1001"]],
    ["an ISO date of birth", "1980-01-01", ["A-1001"]],
    ["the other date of birth", "06/15/1975", ["A-2001"]],
  ])("finds by %s (%j)", async (_what, query, expected) => {
    expect(await accountNumbersFor(query)).toEqual(expected);
  });

  it.each([
    ["a name nobody has", "Nobody"],
    ["a date of birth nobody has", "02/02/1990"],
    ["a first name with someone else's last name", "pat smith"],
    ["an account number that does not exist", "A-9999"],
    ["one character", "A"],
    ["blanks", "   "],
    // LIKE's wildcards are characters like any other here: "%%" listed every account.
    ["two percent signs", "%%"],
    ["a percent sign before a name", "%ivera"],
    ["underscores", "__"],
    ["an underscore in an account number", "A-100_"],
    ["an underscore in a statement number", "ST-100_"],
    ["a backslash", "\\%"],
  ])("finds nothing for %s", async (_what, query) => {
    expect(await accountNumbersFor(query)).toEqual([]);
  });

  it("does not treat a partial account number as a match", async () => {
    expect(await accountNumbersFor("A-10")).toEqual([]);
  });

  it("returns the guarantor, date of birth and open balance of each account", async () => {
    const [account] = await searchAccounts({ practiceId: await demoPracticeId(), query: "A-1001" });
    expect(account).toMatchObject({
      accountNumber: "A-1001",
      guarantorFirstName: "Pat",
      guarantorLastName: "Rivera",
      guarantorDob: new Date("1980-01-01T00:00:00Z"),
      balanceCents: 101540, // $125.40 + $890.00 = $1,015.40
    });
  });

  it("leaves voided statements out of the balance", async () => {
    await database.db.statement.update({ where: { statementNumber: "ST-1002" }, data: { status: "VOIDED" } });
    const [account] = await searchAccounts({ practiceId: await demoPracticeId(), query: "A-1001" });
    expect(account?.balanceCents).toBe(12540); // $125.40
  });
});
