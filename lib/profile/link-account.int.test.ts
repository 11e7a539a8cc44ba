import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { parseIsoDay } from "@/lib/dates";
import { NOT_FOUND_MESSAGE } from "@/lib/errors";
import { LOOKUP_NO_MATCH_MESSAGE } from "@/lib/guest/lookup-errors";
import { linkAccount } from "@/lib/profile/link-account";
import { listLinkedAccounts } from "@/lib/profile/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { getStatementForPatientOrThrow, listStatementsForPatient } from "@/lib/statements/queries";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.10");
const dob = (iso: string) => parseIsoDay(iso)!;

describe("linking an account to a patient login", () => {
  let pat: TActor;
  let st2001Id: string;

  const statementNumbersOfPat = async () =>
    (await listStatementsForPatient({ userId: pat.userId })).map((s) => s.statementNumber);
  const accountNumbersOfPat = async () =>
    (await listLinkedAccounts({ userId: pat.userId })).map((a) => a.accountNumber);

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { userId: user.id, email: user.email, role: user.role, name: `${user.firstName} ${user.lastName}` };
    st2001Id = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-2001" } })).id;
  });

  beforeEach(async () => {
    await database.db.rateLimitEvent.deleteMany();
    await database.db.rateLimitLock.deleteMany();
  });

  it("lists only the statements of pat's own account, newest first", async () => {
    expect(await statementNumbersOfPat()).toEqual(["ST-1002", "ST-1001"]);
  });

  it("lists pat's linked account with its guarantor and practice", async () => {
    expect(await listLinkedAccounts({ userId: pat.userId })).toEqual([
      expect.objectContaining({
        accountNumber: "A-1001",
        guarantorName: "Pat Rivera",
        practiceName: "Riverside Family Medicine",
      }),
    ]);
  });

  it("answers another patient's statement exactly like a statement that does not exist", async () => {
    const foreign = await getStatementForPatientOrThrow({ userId: pat.userId, statementId: st2001Id }).catch(
      (e: unknown) => e,
    );
    const missing = await getStatementForPatientOrThrow({
      userId: pat.userId,
      statementId: "cm0000000000000000000000",
    }).catch((e: unknown) => e);
    expect(foreign).toMatchObject({ code: "NOT_FOUND", userMessage: NOT_FOUND_MESSAGE });
    expect(missing).toMatchObject({ code: "NOT_FOUND", userMessage: NOT_FOUND_MESSAGE });
    expect((foreign as Error).message).toBe((missing as Error).message);
  });

  it("refuses to link with the wrong date of birth, and links nothing", async () => {
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: "ST-2001", dob: dob("1980-01-01") }, context }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", userMessage: LOOKUP_NO_MATCH_MESSAGE });
    expect(await statementNumbersOfPat()).not.toContain("ST-2001");
    expect(await accountNumbersOfPat()).toEqual(["A-1001"]);
  });

  it("locks linking after five wrong tries, like the guest lookup, even with the right date next", async () => {
    for (let i = 0; i < 4; i++) {
      await expect(
        linkAccount({
          actor: pat,
          proof: { statementNumber: "ST-2001", dob: dob("1990-01-0" + (i + 1)) },
          context,
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: "ST-2001", dob: dob("1990-02-01") }, context }),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      userMessage: expect.stringMatching(/Too many attempts/),
    });
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: "ST-2001", dob: dob("1975-06-15") }, context }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await accountNumbersOfPat()).toEqual(["A-1001"]);
  });

  it("links A-2001 with ST-2001 and DOB 1975-06-15, after which pat sees it", async () => {
    const a2001 = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } });
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: " st-2001 ", dob: dob("1975-06-15") }, context }),
    ).resolves.toEqual({ accountId: a2001.id, accountNumber: "A-2001" });

    const statement = await getStatementForPatientOrThrow({ userId: pat.userId, statementId: st2001Id });
    expect(statement).toMatchObject({ statementNumber: "ST-2001", balanceCents: 6000 }); // $60.00
    expect(statement.lines).toHaveLength(2);
    expect(await statementNumbersOfPat()).toEqual(["ST-2001", "ST-1002", "ST-1001"]);
    expect(await accountNumbersOfPat()).toEqual(["A-1001", "A-2001"]);
  });

  it("says when the account is already linked", async () => {
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: "ST-2001", dob: dob("1975-06-15") }, context }),
    ).rejects.toMatchObject({ code: "ALREADY_LINKED" });
    expect(await database.db.accountLink.count({ where: { userId: pat.userId } })).toBe(2);
  });

  it("audits the attempts and the new link as the patient", async () => {
    const attempts = await database.db.auditLog.findMany({
      where: { action: "account.link", actorUserId: pat.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(attempts.map((r) => r.outcome)).toEqual([
      "FAILURE",
      ...Array<string>(4).fill("FAILURE"),
      "FAILURE", // the fifth wrong try, which locked linking
      // (the try with the right date, refused by the lock, is counted on it, not audited alone)
      "SUCCESS",
      "SUCCESS", // the proof was right; the account was already linked
    ]);
    expect(attempts[5]).toMatchObject({ metadata: { reason: "no_match", locked: "true" } });
    expect(attempts.at(-2)).toMatchObject({
      actorRole: "PATIENT",
      targetType: "Statement",
      targetId: st2001Id,
    });
    const linked = await database.db.auditLog.findMany({
      where: { action: "account.linked", actorUserId: pat.userId },
    });
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ targetType: "Account", metadata: { accountNumber: "A-2001" } });
  });
});
