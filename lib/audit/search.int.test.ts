import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auditCsv, auditFiltersFrom, searchAuditLog, type TAuditFilters } from "@/lib/audit/search";
import type { Role } from "@/lib/generated/prisma/enums";
import { DEMO } from "@/lib/seed/demo-data";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const NY = "America/New_York";

describe("the audit log search", () => {
  let practiceId: string;
  let staffId: string;
  let other: TOtherPractice;
  /** A record id of this test only, so that the seed's rows do not count. */
  const record = `rec-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    practiceId = (
      await database.db.practice.findUniqueOrThrow({ where: { clientId: DEMO.practice.clientId } })
    ).id;
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    staffId = staff.id;
    other = await makeOtherPractice(database.db);
    const row = (
      at: string,
      action: string,
      outcome = "SUCCESS",
      label: string = DEMO.staff.email,
      userId = staffId,
      role: Role = staff.role,
    ) =>
      database.db.auditLog.create({
        data: {
          actorUserId: userId,
          actorRole: role,
          actorLabel: label,
          action,
          outcome,
          targetType: "Thing",
          targetId: record,
          ip: "203.0.113.5",
          userAgent: 'Agent "quoted", with comma',
          createdAt: new Date(at),
        },
      });
    // 2026-11-02 in New York (EST, UTC-5) runs from 05:00Z to 05:00Z the next day.
    await row("2026-11-02T04:59:59.000Z", "import.balance_file"); // still Nov 1 in New York
    await row("2026-11-02T05:00:00.000Z", "import.payment_file");
    await row("2026-11-02T12:00:00.000Z", "staff.view_account");
    await row("2026-11-02T12:00:00.000Z", "staff.access_denied", "DENIED");
    await row("2026-11-03T04:59:59.999Z", '=HYPERLINK("x")'); // last instant of Nov 2 in New York
    await row("2026-11-03T05:00:00.000Z", "staff.view_account"); // Nov 3
    // Another practice's staff member, about the same record id: never in this practice's log.
    await row(
      "2026-11-02T12:00:00.000Z",
      "staff.view_account",
      "SUCCESS",
      other.staff.email,
      other.staff.userId,
      other.staff.role,
    );
  });

  const search = (
    filters: TAuditFilters,
    more: { cursor?: string; pageSize?: number; ofPractice?: string } = {},
  ) =>
    searchAuditLog({
      practiceId: more.ofPractice ?? practiceId,
      timeZone: NY,
      filters: { record, ...filters },
      ...more,
    });

  it("filters by record, action (or a family), outcome and who", async () => {
    expect((await search({})).rows).toHaveLength(6);
    expect(
      (await search({ action: "staff.view_account" })).rows.map((r) => r.createdAt.toISOString()),
    ).toEqual(["2026-11-03T05:00:00.000Z", "2026-11-02T12:00:00.000Z"]);
    expect((await search({ action: "import." })).rows.map((r) => r.action)).toEqual([
      "import.payment_file",
      "import.balance_file",
    ]);
    // A family is a prefix, not a pattern: "%" and "_" are themselves.
    expect((await search({ action: "import%." })).rows).toHaveLength(0);
    expect((await search({ outcome: "DENIED" })).rows.map((r) => r.action)).toEqual(["staff.access_denied"]);
    expect((await search({ who: "STAFF@EXAMPLE" })).rows).toHaveLength(6);
    expect((await search({ who: staffId })).rows).toHaveLength(6);
    expect((await search({ who: "nobody@" })).rows).toHaveLength(0);
  });

  it("reads a range of days in the practice's zone", async () => {
    const nov2 = auditFiltersFrom({ from: "2026-11-02", to: "2026-11-02" }).filters;
    expect((await search(nov2)).rows.map((r) => r.createdAt.toISOString())).toEqual([
      "2026-11-03T04:59:59.999Z",
      "2026-11-02T12:00:00.000Z",
      "2026-11-02T12:00:00.000Z",
      "2026-11-02T05:00:00.000Z",
    ]);
    expect(auditFiltersFrom({ from: "2026-11-03", to: "2026-11-02" }).errors).toEqual({
      to: "The first day must not be after the last.",
    });
    const bad = auditFiltersFrom({ from: "yesterday", action: "import." });
    expect(bad.errors).toEqual({ from: "Enter a date as YYYY-MM-DD." });
    expect(bad.filters.action).toBe("import."); // the rest still apply
  });

  it("pages by keyset: every row once, in order, rows of one instant included", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await search({}, { cursor, pageSize: 2 });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const all = (await search({}, { pageSize: 100 })).rows.map((r) => r.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(6);
  });

  it("is the practice's own: another practice sees only its own rows about the record", async () => {
    const theirs = await search({}, { ofPractice: other.practiceId });
    expect(theirs.rows.map((r) => r.actorLabel)).toEqual([other.staff.email]);
  });

  it("exports the filtered log as CSV, quoted where needed and safe in a spreadsheet", async () => {
    let csv = "";
    for await (const chunk of auditCsv({
      practiceId,
      timeZone: NY,
      filters: { record, from: new Date("2026-11-02T00:00:00Z") },
    })) {
      csv += chunk;
    }
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "time_utc,time_local,actor,actor_role,actor_user_id,action,outcome,record_type,record_id,ip,user_agent",
    );
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toMatch(/^2026-11-03T05:00:00.000Z,/);
    expect(lines[2]).toContain(
      `,"'=HYPERLINK(""x"")",SUCCESS,Thing,${record},203.0.113.5,"Agent ""quoted"", with comma"`,
    );
    expect(csv).not.toContain(other.staff.email);
  });
});
