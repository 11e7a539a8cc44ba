import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "@/lib/seed/demo-data";
import { getAccountForStaffOrThrow, searchAccounts } from "@/lib/staff/queries";
import { getStatementForStaffOrThrow } from "@/lib/statements/queries";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

/**
 * Staff of another practice are strangers to the demo practice's accounts and statements: the
 * search finds none of them, and opening one by id is NOT_FOUND, as for an id that exists nowhere.
 */
describe("staff of another practice and the demo practice's accounts and statements", () => {
  let other: TOtherPractice;
  let demoPracticeId: string;
  let demoAccountId: string;
  let demoStatementId: string;

  beforeAll(async () => {
    other = await makeOtherPractice(database.db);
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    demoPracticeId = staff.practiceId!;
    demoAccountId = (await database.db.account.findFirstOrThrow({ where: { practiceId: demoPracticeId } }))
      .id;
    demoStatementId = (
      await database.db.statement.findUniqueOrThrow({
        where: { statementNumber: DEMO.otherPatient.statementNumber },
      })
    ).id;
  });

  it("search: the other practice's staff find their own accounts and none of the demo practice's", async () => {
    const found = async (practiceId: string, query: string) =>
      (await searchAccounts({ practiceId, query })).map((a) => a.id);
    // Both practices have an account A-1001: each finds its own.
    expect(await found(other.practiceId, "A-1001")).toEqual([other.accountId]);
    expect(await found(demoPracticeId, "A-1001")).toEqual([demoAccountId]);
    expect(await found(other.practiceId, "Lakeside")).toEqual([other.accountId]);
    expect(await found(other.practiceId, other.statementNumber)).toEqual([other.accountId]);
    // What finds the demo practice's accounts for its own staff finds nothing for the others.
    for (const query of [
      "Rivera",
      "pat rivera",
      "Jordan Smith",
      DEMO.otherPatient.statementNumber,
      "01/01/1980",
      "A-2001",
    ]) {
      expect((await found(demoPracticeId, query)).length, query).toBeGreaterThan(0);
      expect(await found(other.practiceId, query), query).toEqual([]);
    }
    expect(await found(demoPracticeId, "Lakeside")).toEqual([]);
  });

  it("an account of the demo practice is NOT_FOUND for the other practice's staff, as a missing one", async () => {
    const own = await getAccountForStaffOrThrow({ practiceId: demoPracticeId, accountId: demoAccountId });
    expect(own.id).toBe(demoAccountId);
    expect(
      (await getAccountForStaffOrThrow({ practiceId: other.practiceId, accountId: other.accountId })).id,
    ).toBe(other.accountId);
    for (const accountId of [demoAccountId, "missing"]) {
      await expect(
        getAccountForStaffOrThrow({ practiceId: other.practiceId, accountId }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(
      getAccountForStaffOrThrow({ practiceId: demoPracticeId, accountId: other.accountId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a statement of the demo practice is NOT_FOUND for the other practice's staff, as a missing one", async () => {
    const own = await getStatementForStaffOrThrow({
      practiceId: demoPracticeId,
      statementId: demoStatementId,
    });
    expect(own.statementNumber).toBe(DEMO.otherPatient.statementNumber);
    for (const statementId of [demoStatementId, "missing"]) {
      await expect(
        getStatementForStaffOrThrow({ practiceId: other.practiceId, statementId }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(
      getStatementForStaffOrThrow({ practiceId: demoPracticeId, statementId: other.statementId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
