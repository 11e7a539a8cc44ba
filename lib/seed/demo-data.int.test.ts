import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase();

const rowCounts = async () => {
  const { db } = database;
  const [practices, users, accounts, links, statements, lines] = await Promise.all([
    db.practice.count(),
    db.user.count(),
    db.account.count(),
    db.accountLink.count(),
    db.statement.count(),
    db.statementLine.count(),
  ]);
  return { practices, users, accounts, links, statements, lines };
};

const statement = (statementNumber: string) =>
  database.db.statement.findUniqueOrThrow({
    where: { statementNumber },
    include: { lines: { orderBy: { lineNumber: "asc" } }, account: true },
  });

describe("seedDemoData (docs/product.md §4)", () => {
  const now = new Date();

  it("seeds an empty database and says so", async () => {
    expect(await seedDemoData(database.db, { now })).toBe(true);
    expect(await rowCounts()).toEqual({
      practices: 1,
      users: 7,
      accounts: 2,
      links: 1,
      statements: 3,
      lines: 8,
    });
  });

  it("creates the practice in New York time", async () => {
    const practice = await database.db.practice.findFirstOrThrow();
    expect(practice).toMatchObject({ name: "Riverside Family Medicine", timeZone: "America/New_York" });
  });

  it.each([
    ["PATIENT", "pat@example.com", "Demo-Patient-1"],
    ["BILLING_MANAGER", "staff@example.com", "Demo-Staff-1"],
    ["ADMIN", "admin@example.com", "Demo-Admin-1"],
    ["BILLING_CLERK", "clerk@example.com", "Demo-Clerk-1"],
    ["AUDITOR", "auditor@example.com", "Demo-Auditor-1"],
  ] as const)(
    "creates the verified %s login %s with its documented password",
    async (role, email, password) => {
      const user = await database.db.user.findUniqueOrThrow({ where: { email } });
      expect(user.role).toBe(role);
      expect(user.emailVerifiedAt).not.toBeNull();
      expect(user.disabledAt).toBeNull();
      expect(user.passwordHash).not.toContain(password);
      expect(await verifyPassword(user.passwordHash, password)).toBe(true);
      expect(await verifyPassword(user.passwordHash, `${password}x`)).toBe(false);
    },
  );

  it("gives the practice its posting files: formats, a 17:00 cut-off and the identifiers they carry", async () => {
    const settings = await database.db.postingSettings.findFirstOrThrow();
    expect(settings).toMatchObject({
      formats: ["IMDPA14", "X12_835", "LOCKBOX_A"],
      cutoffMinutes: 1020,
      merchantId: "sandbox-rfm",
      lockboxNumber: "104201",
      x12Account: "RFM001",
    });
  });

  it("puts every staff login in the practice, and the patients in none", async () => {
    const practice = await database.db.practice.findFirstOrThrow();
    const users = await database.db.user.findMany({ select: { email: true, practiceId: true } });
    expect(Object.fromEntries(users.map((u) => [u.email, u.practiceId]))).toEqual({
      "pat@example.com": null,
      "staff@example.com": practice.id,
      "admin@example.com": practice.id,
      "clerk@example.com": practice.id,
      "auditor@example.com": practice.id,
      "jamie@example.com": null,
      "alex@example.com": null,
    });
  });

  it("gives jamie@example.com PAY and alex@example.com MANAGE access to A-1001 only, accepted, with no link of their own", async () => {
    const access = await database.db.accountAccess.findMany({
      include: { payer: { select: { email: true } }, account: { select: { accountNumber: true } } },
      orderBy: { inviteeEmail: "desc" },
    });
    expect(
      access.map((a) => [a.payer?.email, a.account.accountNumber, a.scope, a.status, a.tokenHash]),
    ).toEqual([
      ["jamie@example.com", "A-1001", "PAY", "ACTIVE", null],
      ["alex@example.com", "A-1001", "MANAGE", "ACTIVE", null],
    ]);
  });

  it("links pat@example.com to account A-1001 only", async () => {
    const links = await database.db.accountLink.findMany({
      include: { user: { select: { email: true } }, account: { select: { accountNumber: true } } },
    });
    expect(links.map((l) => [l.user.email, l.account.accountNumber])).toEqual([
      ["pat@example.com", "A-1001"],
    ]);
  });

  it("creates ST-1001 on A-1001: $125.40 across 3 lines, found by DOB 1980-01-01 or ZIP 19103", async () => {
    const st = await statement("ST-1001");
    expect(st.account.accountNumber).toBe("A-1001");
    expect(st.balanceCents).toBe(12540); // $125.40
    expect(st.amountDueCents).toBe(12540); // $125.40
    expect(st.status).toBe("OPEN");
    expect(toIsoDay(st.patientDob)).toBe("1980-01-01");
    expect(st.recipientZip).toBe("19103");
    expect(st.lines).toHaveLength(3);
    expect(st.lines.reduce((sum, l) => sum + l.patientRespCents, 0)).toBe(st.balanceCents);
    for (const l of st.lines) {
      expect(l.patientRespCents).toBe(l.chargeCents - l.insurancePaidCents - l.adjustmentCents);
    }
    expect(st.totalChargesCents - st.insurancePaidCents - st.adjustmentsCents).toBe(st.amountDueCents);
  });

  it("creates ST-1002 on A-1001 with $890.00 due", async () => {
    const st = await statement("ST-1002");
    expect(st.account.accountNumber).toBe("A-1001");
    expect(st.balanceCents).toBe(89000); // $890.00
    expect(st.lines.reduce((sum, l) => sum + l.patientRespCents, 0)).toBe(89000); // $890.00
  });

  it("creates ST-2001 for the other patient on A-2001 with $60.00 due", async () => {
    const st = await statement("ST-2001");
    expect(st.account.accountNumber).toBe("A-2001");
    expect(st.balanceCents).toBe(6000); // $60.00
    expect(st.lines.reduce((sum, l) => sum + l.patientRespCents, 0)).toBe(6000); // $60.00
    expect(toIsoDay(st.patientDob)).toBe("1975-06-15");
    expect(st.recipientZip).toBe("10001");
    expect(st.account.zip).toBe("10001");
  });

  it("dates every statement in the past and makes it due in the future (nothing starts overdue)", async () => {
    const today = todayInZone(DEMO.practice.timeZone, now).getTime();
    const statements = await database.db.statement.findMany();
    for (const st of statements) {
      expect(st.statementDate.getTime()).toBeLessThan(today);
      expect(st.dueDate!.getTime()).toBeGreaterThan(today);
    }
  });

  it("does nothing the second time", async () => {
    const before = await rowCounts();
    expect(await seedDemoData(database.db)).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });
});
