import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSharedAccounts } from "@/lib/access/queries";
import { listPayableStatementsForPatient } from "@/lib/payments/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { listStatementsForPatient } from "@/lib/statements/queries";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

/**
 * The bills and pay pages read their statements in one SQL statement each, past Prisma Client
 * (docs/database.md, "Hot paths"). What they read must be what Prisma Client reads of the same
 * rows: the same statements in the same order, the same amounts, and the dates as the same
 * instants (a DATE at UTC midnight, not the server's local midnight).
 */
describe("the patient pages' reads past Prisma", () => {
  let userId: string;
  let accountId: string;

  // West of UTC, where a DATE read as the server's local midnight would be a day early in UTC.
  const zoneBefore = process.env.TZ;
  afterAll(() => {
    process.env.TZ = zoneBefore;
  });

  beforeAll(async () => {
    process.env.TZ = "America/Los_Angeles";
    const db = database.db;
    userId = (await db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } })).id;
    const link = await db.accountLink.findFirstOrThrow({ where: { userId }, include: { account: true } });
    accountId = link.accountId;
    // A statement with no due date, one on a day near a year's end, one voided and one paid.
    const base = {
      accountId,
      currency: "USD",
      patientFirstName: "Pat",
      patientLastName: "Rivera",
      patientDob: new Date("1980-01-01T00:00:00Z"),
    };
    await db.statement.createMany({
      data: [
        {
          ...base,
          statementNumber: "HR-1",
          statementDate: new Date("2026-12-31T00:00:00Z"),
          dueDate: null,
          amountDueCents: 1234,
          balanceCents: 1234,
        },
        {
          ...base,
          statementNumber: "HR-2",
          statementDate: new Date("2026-01-01T00:00:00Z"),
          dueDate: new Date("2026-01-31T00:00:00Z"),
          amountDueCents: 500,
          balanceCents: 1,
        },
        {
          ...base,
          statementNumber: "HR-3",
          statementDate: new Date("2026-06-01T00:00:00Z"),
          amountDueCents: 700,
          balanceCents: 700,
          status: "VOIDED",
        },
        {
          ...base,
          statementNumber: "HR-4",
          statementDate: new Date("2026-06-02T00:00:00Z"),
          amountDueCents: 900,
          balanceCents: 0,
          status: "PAID",
        },
      ],
    });
  });

  it("the bills page's statements: the same rows, order and dates as Prisma's", async () => {
    const prisma = await database.db.statement.findMany({
      where: { account: { links: { some: { userId } } }, status: { not: "VOIDED" } },
      orderBy: [{ statementDate: "desc" }, { statementNumber: "desc" }],
      select: {
        id: true,
        statementNumber: true,
        statementDate: true,
        dueDate: true,
        status: true,
        currency: true,
        amountDueCents: true,
        balanceCents: true,
        patientFirstName: true,
        patientLastName: true,
        account: { select: { id: true, accountNumber: true } },
      },
    });
    const read = await listStatementsForPatient({ userId });
    expect(read.map((s) => s.statementNumber)).toContain("HR-1");
    expect(read.map((s) => s.statementNumber)).not.toContain("HR-3");
    expect(read).toEqual(prisma);
    const hr1 = read.find((s) => s.statementNumber === "HR-1")!;
    expect(hr1.statementDate.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(hr1.dueDate).toBeNull();
  });

  it("the pay page's statements: only what has a balance, due first, the undated last, as Prisma orders them", async () => {
    const prisma = await database.db.statement.findMany({
      where: {
        account: { links: { some: { userId } } },
        status: { in: ["OPEN", "PARTIALLY_PAID"] },
        balanceCents: { gt: 0 },
      },
      orderBy: [{ dueDate: "asc" }, { statementNumber: "asc" }],
      select: { id: true, statementDate: true, dueDate: true, balanceCents: true },
    });
    const read = await listPayableStatementsForPatient({ userId });
    expect(
      read.map(({ id, statementDate, dueDate, balanceCents }) => ({
        id,
        statementDate,
        dueDate,
        balanceCents,
      })),
    ).toEqual(prisma);
    expect(read.at(-1)?.statementNumber).toBe("HR-1");
    expect(read.find((s) => s.statementNumber === "HR-2")).toMatchObject({
      balanceCents: 1,
      patientName: "Pat Rivera",
      dueDate: new Date("2026-01-31T00:00:00Z"),
    });
    expect(read.map((s) => s.statementNumber)).not.toContain("HR-4");
  });

  it("the shared accounts: none for a patient nobody shared with", async () => {
    await expect(listSharedAccounts({ userId })).resolves.toEqual([]);
  });
});
