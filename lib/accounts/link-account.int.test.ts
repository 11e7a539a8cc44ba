import { beforeAll, describe, expect, it } from "vitest";
import { linkAccount } from "@/lib/accounts/link-account";
import { listLinkedAccounts } from "@/lib/accounts/queries";
import type { TActor } from "@/lib/auth/session";
import { parseIsoDay } from "@/lib/dates";
import { NOT_FOUND_MESSAGE } from "@/lib/errors";
import { LOOKUP_NO_MATCH_MESSAGE } from "@/lib/guest/lookup-errors";
import { DEMO } from "@/lib/seed/demo-data";
import { getStatementForPatientOrThrow, listStatementsForPatient } from "@/lib/statements/queries";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.10");

describe("linking an account to a patient login", () => {
  let pat: TActor;
  let st2001Id: string;

  const statementNumbersOfPat = async () =>
    (await listStatementsForPatient({ userId: pat.userId })).map((s) => s.statementNumber);

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { userId: user.id, email: user.email, role: user.role, name: `${user.firstName} ${user.lastName}` };
    st2001Id = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-2001" } })).id;
  });

  it("lists only the statements of pat's own account, newest first", async () => {
    expect(await statementNumbersOfPat()).toEqual(["ST-1002", "ST-1001"]);
  });

  it("shows pat's own statement with its lines", async () => {
    const id = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } })).id;
    const statement = await getStatementForPatientOrThrow({ userId: pat.userId, statementId: id });
    expect(statement.balanceCents).toBe(12540); // $125.40
    expect(statement.lines).toHaveLength(3);
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
      linkAccount({
        actor: pat,
        proof: { statementNumber: "ST-2001", dob: parseIsoDay("1980-01-01")! },
        context,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", userMessage: LOOKUP_NO_MATCH_MESSAGE });
    expect(await statementNumbersOfPat()).not.toContain("ST-2001");
    expect((await listLinkedAccounts({ userId: pat.userId })).map((a) => a.accountNumber)).toEqual([
      "A-1001",
    ]);
  });

  it("links A-2001 with ST-2001 and DOB 1975-06-15, after which pat sees it", async () => {
    const a2001 = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } });
    await expect(
      linkAccount({
        actor: pat,
        proof: { statementNumber: "ST-2001", dob: parseIsoDay("1975-06-15")! },
        context,
      }),
    ).resolves.toEqual({ accountId: a2001.id });

    const statement = await getStatementForPatientOrThrow({ userId: pat.userId, statementId: st2001Id });
    expect(statement).toMatchObject({ statementNumber: "ST-2001", balanceCents: 6000 }); // $60.00
    expect(statement.lines).toHaveLength(2);
    expect(await statementNumbersOfPat()).toEqual(["ST-2001", "ST-1002", "ST-1001"]);
    expect((await listLinkedAccounts({ userId: pat.userId })).map((a) => a.accountNumber)).toEqual([
      "A-1001",
      "A-2001",
    ]);
  });

  it("says when the account is already linked", async () => {
    await expect(
      linkAccount({ actor: pat, proof: { statementNumber: "ST-2001", zip: "10001" }, context }),
    ).rejects.toMatchObject({ code: "ALREADY_LINKED" });
    expect(await database.db.accountLink.count({ where: { userId: pat.userId } })).toBe(2);
  });

  it("audits link attempts as the patient", async () => {
    const rows = await database.db.auditLog.findMany({
      where: { action: "account.link", actorUserId: pat.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.slice(0, 2).map((r) => r.outcome)).toEqual(["FAILURE", "SUCCESS"]);
    expect(rows[1]).toMatchObject({ actorRole: "PATIENT", targetType: "Statement", targetId: st2001Id });
  });
});
