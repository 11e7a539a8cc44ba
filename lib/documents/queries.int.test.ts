import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { itemizedSummaryCents } from "@/lib/documents/itemized-statement";
import {
  getItemizedStatementOrThrow,
  getYearlySummaryOrThrow,
  listSummaryYearsForPatient,
  type TStatementDocumentViewer,
} from "@/lib/documents/queries";
import { summaryTotals } from "@/lib/documents/yearly-summary";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");
const gateway = createFakeGateway();
const notFound = { code: "NOT_FOUND" };

const ids: Record<string, string> = {};
let pat: { kind: "patient"; userId: string; email: string };
let jordan: { kind: "patient"; userId: string; email: string };
let staff: TStaffActor;
let accountA1001: string;
let accountA2001: string;

/** A payment of [statement, cents] pairs; a declined one is recorded and its id returned all the same. */
const pay = async (payer: TPayer, allocations: [string, number][], token = "tok_ok_visa_1111") => {
  const idempotencyKey = randomUUID();
  try {
    await payBill({
      payer,
      input: {
        allocations: allocations.map(([n, cents]) => ({ statementId: ids[n]!, amount: cents as Cents })),
        token,
        methodKind: token.startsWith("tok_ach_") ? "ACH" : "CARD",
        idempotencyKey,
      },
      context,
      gateway,
    });
  } catch {
    // A decline throws; the attempt is recorded.
  }
  return (await database.db.payment.findUniqueOrThrow({ where: { idempotencyKey } })).id;
};

const refund = (paymentId: string, amountCents: number) =>
  refundPayment({ actor: staff, paymentId, amountCents, reason: "Billing error", context, gateway });

const returnPayment = async (paymentId: string) => {
  const { gatewayTransactionId } = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  const atGateway = await gateway.getPayment(gatewayTransactionId!);
  await applyGatewayOutcome({
    paymentId,
    gatewayPayment: { ...atGateway, status: "returned", returnedAt: new Date(), returnCode: "R01" },
    source: "webhook",
  });
};

const clearPayments = async () => {
  const db = database.db;
  await db.refund.deleteMany();
  await db.paymentEvent.deleteMany();
  await db.paymentAllocation.deleteMany();
  await db.payment.deleteMany();
  await db.statement.update({
    where: { statementNumber: "ST-1001" },
    data: { balanceCents: 12540, status: "OPEN" },
  }); // $125.40
  await db.statement.update({
    where: { statementNumber: "ST-1002" },
    data: { balanceCents: 89000, status: "OPEN" },
  }); // $890.00
};

beforeAll(async () => {
  const db = database.db;
  for (const s of await db.statement.findMany({ select: { id: true, statementNumber: true } })) {
    ids[s.statementNumber] = s.id;
  }
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
  pat = { kind: "patient", userId: user.id, email: user.email };
  const practiceId = (await db.practice.findFirstOrThrow()).id;
  const staffUser = await db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
  staff = { userId: staffUser.id, email: staffUser.email, role: staffUser.role, name: "Staff", practiceId };
  accountA1001 = (await db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
  accountA2001 = (await db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } })).id;
  const other = await db.user.create({
    data: {
      email: `jordan-${randomUUID()}@example.com`,
      firstName: "Jordan",
      lastName: "Smith",
      emailVerifiedAt: new Date(),
      accountLinks: { create: { accountId: accountA2001 } },
    },
  });
  jordan = { kind: "patient", userId: other.id, email: other.email };
});

describe("the itemized statement", () => {
  beforeAll(async () => {
    await clearPayments();
    // By bank: $20.00 to ST-1001 and $30.00 to ST-1002; settled; $10.00 refunded (from ST-1002,
    // the last allocation); then the bank returns the rest ($20.00 to each).
    const byBank = await pay(
      pat,
      [
        ["ST-1001", 2000],
        ["ST-1002", 3000],
      ],
      "tok_ach_checking_6789",
    );
    gateway.settleAll();
    await refund(byBank, 1000); // $10.00
    await returnPayment(byBank);
    // By card: $50.00 to ST-1001, kept. A declined attempt of $10.00 takes nothing.
    await pay(pat, [["ST-1001", 5000]]);
    await pay(pat, [["ST-1001", 1000]], "tok_decline_insufficient_funds");
  });

  it("holds the lines with their codes, and the payments, refunds and returns as the ledger applied them", async () => {
    const s = await getItemizedStatementOrThrow({ viewer: pat, statementId: ids["ST-1001"]! });
    expect(s).toMatchObject({
      statementNumber: "ST-1001",
      account: { accountNumber: "A-1001", guarantorName: "Pat Rivera" },
      patientName: "Pat Rivera",
      practice: { name: DEMO.practice.name, npi: "1234567893", timeZone: "America/New_York" },
      amountDueCents: 12540, // $125.40
      balanceCents: 7540, // $75.40: $125.40 − $50.00 kept
    });
    expect(
      s.lines.map((l) => [l.procedureCode, l.chargeCents, l.insurancePaidCents, l.adjustmentCents]),
    ).toEqual([
      ["99214", 24500, 16000, 4000], // $245.00, $160.00, $40.00
      ["80053", 8500, 4210, 1250], // $85.00, $42.10, $12.50
      ["90686", 9500, 3000, 1500], // $95.00, $30.00, $15.00
    ]);
    expect(s.payments.map((p) => [p.method.kind, p.amountCents, p.isProcessing])).toEqual([
      ["ACH", 2000, false], // $20.00
      ["CARD", 5000, false], // $50.00
    ]);
    expect(s.credits.map((c) => [c.kind, c.amountCents])).toEqual([["RETURN", 2000]]); // $20.00
    // $125.40 − $70.00 + $20.00 = $75.40: the document adds up to the ledger's balance.
    expect(itemizedSummaryCents(s).otherChangesCents).toBe(0);

    const st1002 = await getItemizedStatementOrThrow({ viewer: pat, statementId: ids["ST-1002"]! });
    expect(st1002.payments.map((p) => p.amountCents)).toEqual([3000]); // $30.00
    expect(st1002.credits.map((c) => [c.kind, c.amountCents])).toEqual([
      ["REFUND", 1000], // $10.00
      ["RETURN", 2000], // $20.00
    ]);
    expect(st1002.balanceCents).toBe(89000); // $890.00, all given back
    expect(itemizedSummaryCents(st1002).otherChangesCents).toBe(0);
  });

  it("is the guest's for the guest session's statement only", async () => {
    const guest: TStatementDocumentViewer = { kind: "guest", statementId: ids["ST-1001"]! };
    await expect(
      getItemizedStatementOrThrow({ viewer: guest, statementId: ids["ST-1001"]! }),
    ).resolves.toMatchObject({ statementNumber: "ST-1001" });
    await expect(
      getItemizedStatementOrThrow({ viewer: guest, statementId: ids["ST-1002"]! }),
    ).rejects.toMatchObject(notFound);
    await expect(
      getItemizedStatementOrThrow({
        viewer: { kind: "guest", statementId: ids["ST-2001"]! },
        statementId: ids["ST-1001"]!,
      }),
    ).rejects.toMatchObject(notFound);
  });

  it("answers another patient, a missing statement and a voided one with the same NOT_FOUND", async () => {
    await expect(
      getItemizedStatementOrThrow({ viewer: jordan, statementId: ids["ST-1001"]! }),
    ).rejects.toMatchObject(notFound);
    await expect(
      getItemizedStatementOrThrow({ viewer: pat, statementId: ids["ST-2001"]! }),
    ).rejects.toMatchObject(notFound);
    await expect(
      getItemizedStatementOrThrow({ viewer: pat, statementId: "does-not-exist" }),
    ).rejects.toMatchObject(notFound);
    await expect(
      getItemizedStatementOrThrow({ viewer: jordan, statementId: ids["ST-2001"]! }),
    ).resolves.toMatchObject({
      statementNumber: "ST-2001",
      lines: [{ procedureCode: "99203" }, { procedureCode: "36415" }],
    });
    const voided = await database.db.statement.create({
      data: {
        accountId: accountA1001,
        statementNumber: `ST-VOID-${randomUUID().slice(0, 6)}`,
        statementDate: new Date("2026-08-01T00:00:00Z"),
        status: "VOIDED",
        amountDueCents: 1000, // $10.00
        balanceCents: 1000, // $10.00
        patientFirstName: "Pat",
        patientLastName: "Rivera",
        patientDob: new Date("1980-01-01T00:00:00Z"),
      },
    });
    await expect(getItemizedStatementOrThrow({ viewer: pat, statementId: voided.id })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      getItemizedStatementOrThrow({
        viewer: { kind: "guest", statementId: voided.id },
        statementId: voided.id,
      }),
    ).rejects.toMatchObject(notFound);
  });
});

describe("the yearly payment summary", () => {
  const setCreatedAt = (paymentId: string, iso: string) =>
    database.db.payment.update({ where: { id: paymentId }, data: { createdAt: new Date(iso) } });

  beforeAll(async () => {
    await clearPayments();
    // 2025: $100.00 in June, and $25.00 at 10 pm on New Year's Eve in New York (03:00 UTC on Jan 1).
    const june = await pay(pat, [["ST-1002", 10000]]);
    gateway.settleAll();
    await setCreatedAt(june, "2025-06-01T16:00:00Z");
    const newYearsEve = await pay(pat, [["ST-1002", 2500]]);
    await setCreatedAt(newYearsEve, "2026-01-01T03:00:00Z");
    // 2026 (now): $40.00 paid by a guest with ST-1001 (the account's all the same), $30.01 of
    // June's payment refunded, and a declined attempt that took nothing.
    await pay({ kind: "guest", statementId: ids["ST-1001"]! }, [["ST-1001", 4000]]);
    await refund(june, 3001); // $30.01
    await pay(pat, [["ST-1001", 1000]], "tok_decline_insufficient_funds");
  });

  it("counts each payment in the calendar year of the practice's zone it was made in, and each refund in its own year", async () => {
    const y2025 = await getYearlySummaryOrThrow({ userId: pat.userId, accountId: accountA1001, year: 2025 });
    expect(y2025.payments.map((p) => [p.paidAt.toISOString(), p.amountCents, p.statementNumbers])).toEqual([
      ["2025-06-01T16:00:00.000Z", 10000, ["ST-1002"]], // $100.00
      ["2026-01-01T03:00:00.000Z", 2500, ["ST-1002"]], // $25.00
    ]);
    expect(y2025.credits).toEqual([]);
    expect(summaryTotals(y2025)).toEqual({ paymentsCents: 12500, creditsCents: 0, netCents: 12500 }); // $125.00

    const y2026 = await getYearlySummaryOrThrow({ userId: pat.userId, accountId: accountA1001, year: 2026 });
    expect(y2026).toMatchObject({ year: 2026, currency: "USD", account: { accountNumber: "A-1001" } });
    expect(y2026.payments.map((p) => [p.amountCents, p.statementNumbers])).toEqual([[4000, ["ST-1001"]]]); // $40.00
    expect(y2026.credits.map((c) => [c.kind, c.amountCents])).toEqual([["REFUND", 3001]]); // $30.01
    // $40.00 − $30.01 = $9.99, exactly.
    expect(summaryTotals(y2026)).toEqual({ paymentsCents: 4000, creditsCents: 3001, netCents: 999 });

    const y2024 = await getYearlySummaryOrThrow({ userId: pat.userId, accountId: accountA1001, year: 2024 });
    expect([y2024.payments, y2024.credits]).toEqual([[], []]);
  });

  it("lists, for each linked account, the years with payments or refunds, newest first", async () => {
    expect(await listSummaryYearsForPatient({ userId: pat.userId })).toEqual([
      { accountId: accountA1001, accountNumber: "A-1001", guarantorName: "Pat Rivera", years: [2026, 2025] },
    ]);
    expect(await listSummaryYearsForPatient({ userId: jordan.userId })).toEqual([
      { accountId: accountA2001, accountNumber: "A-2001", guarantorName: "Jordan Smith", years: [] },
    ]);
  });

  it("is NOT_FOUND for an account not linked to the login, and for a missing one", async () => {
    for (const [userId, accountId] of [
      [jordan.userId, accountA1001],
      [pat.userId, accountA2001],
      [staff.userId, accountA1001],
      [pat.userId, "does-not-exist"],
    ] as const) {
      await expect(getYearlySummaryOrThrow({ userId, accountId, year: 2026 })).rejects.toMatchObject(
        notFound,
      );
    }
    expect(await listSummaryYearsForPatient({ userId: staff.userId })).toEqual([]);
  });
});
