import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "@/lib/seed/demo-data";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { recordAudit, recordStaffView } from "@/lib/audit/record";
import {
  getAccountForStaffOrThrow,
  getOutboxHtmlOrThrow,
  listAuditLog,
  listOutbox,
  searchAccounts,
} from "@/lib/staff/queries";
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

  it("the audit log shows each practice what its people did and what was done to its records, never the other's", async () => {
    const demoStaff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const patient = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const tag = `scope-${Date.now()}`;
    await recordStaffView({
      actor: { userId: demoStaff.id, role: "BILLING_MANAGER", email: demoStaff.email },
      target: { type: "Account", id: demoAccountId },
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    await recordAudit({
      actor: { kind: "user", userId: patient.id, role: "PATIENT", label: patient.email },
      action: "profile.preferences_update",
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    await recordAudit({
      actor: { kind: "system" },
      action: "payment.reconciled",
      target: { type: "Statement", id: demoStatementId },
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    await recordStaffView({
      actor: { userId: other.staff.userId, role: "BILLING_MANAGER", email: other.staff.email },
      target: { type: "Account", id: other.accountId },
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    // A key made from the command line: a system row about the other practice's record.
    const key = await createApiKey({
      practiceId: other.practiceId,
      name: tag,
      scope: "read",
      actor: { kind: "command-line" },
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    await recordAudit({
      actor: { kind: "anonymous", label: "nobody@example.com" },
      action: "auth.sign_in",
      outcome: "FAILURE",
      context: { ip: "203.0.113.64", userAgent: tag },
    });
    const logOf = async (practiceId: string) =>
      (await listAuditLog({ practiceId, pageSize: 1000 })).rows
        .filter((r) => r.userAgent === tag)
        .map((r) => [r.action, r.actorLabel])
        .sort();
    expect(await logOf(demoPracticeId)).toEqual(
      [
        ["payment.reconciled", null],
        ["profile.preferences_update", DEMO.patient.email],
        ["staff.view_account", DEMO.staff.email],
      ].sort(),
    );
    const otherLog = (await listAuditLog({ practiceId: other.practiceId, pageSize: 1000 })).rows.filter(
      (r) => r.userAgent === tag || r.targetId === key.id,
    );
    expect(otherLog.map((r) => r.action).sort()).toEqual(["api_key.created", "staff.view_account"]);
    expect(
      (await listAuditLog({ practiceId: demoPracticeId, pageSize: 1000 })).rows.map((r) => r.targetId),
    ).not.toContain(key.id);
    const page = await listAuditLog({ practiceId: other.practiceId, pageSize: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(
      (await listAuditLog({ practiceId: other.practiceId, pageSize: 1000 })).rows.length,
    );
  });

  it("the email outbox shows each practice the mail to its people and accounts, never the other's", async () => {
    const sent = (to: string, subject: string) =>
      database.db.outboxEmail.create({ data: { to, subject, text: subject, status: "STORED" } });
    await sent(DEMO.patient.email, "Your receipt (demo practice)");
    await sent(DEMO.staff.email.toUpperCase(), "Reset your password (demo staff)");
    await sent(other.admin.email, "Reset your password (other admin)");
    await sent("stranger@example.com", "Verify your email (nobody's yet)");
    const subjectsOf = async (practiceId: string) =>
      (await listOutbox({ practiceId, pageSize: 1000 })).rows.map((m) => m.subject).sort();
    const demo = await subjectsOf(demoPracticeId);
    expect(demo).toEqual(
      expect.arrayContaining(["Your receipt (demo practice)", "Reset your password (demo staff)"]),
    );
    expect(demo).not.toContain("Reset your password (other admin)");
    expect(demo).not.toContain("Verify your email (nobody's yet)");
    expect(await subjectsOf(other.practiceId)).toEqual(["Reset your password (other admin)"]);
  });

  it("an outbox email's HTML is shown to its practice only, and not for mail sent by SMTP (no body kept)", async () => {
    const kept = await database.db.outboxEmail.create({
      data: {
        to: DEMO.patient.email,
        subject: "HTML kept",
        text: "Hi.",
        html: "<p>Hi.</p>",
        status: "STORED",
      },
    });
    const sent = await database.db.outboxEmail.create({
      data: {
        to: DEMO.patient.email,
        subject: "Sent",
        text: "(sent by SMTP; body not kept)",
        status: "SENT",
      },
    });
    expect(await getOutboxHtmlOrThrow({ practiceId: demoPracticeId, emailId: kept.id })).toBe("<p>Hi.</p>");
    for (const [practiceId, emailId] of [
      [other.practiceId, kept.id],
      [demoPracticeId, sent.id],
      [demoPracticeId, "no-such-email"],
    ] as const) {
      await expect(getOutboxHtmlOrThrow({ practiceId, emailId })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });
});
