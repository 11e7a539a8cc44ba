import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { PaymentChannel, PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { parseDollarsToCents } from "@/lib/money";
import { makeOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";
import { CSV_HEADER, transactionCsv, transactionCsvCells } from "./csv";
import { getDashboard, type TFigure } from "./dashboard";
import { getDepositOrThrow, listDeposits } from "./deposits";
import {
  NO_FILTERS,
  STATUS_FILTERS,
  ZTransactionFilters,
  reportChannelOf,
  type TTransactionFilters,
} from "./filters";
import {
  listTransactions,
  streamTransactions,
  transactionTotals,
  type TTransactionRow,
  type TTransactionScope,
} from "./transactions";

const database = setupTestDatabase();

const TZ = "America/New_York";
/** Noon in New York on Sunday 2026-12-06. */
const NOW = new Date("2026-12-06T17:00:00Z");

const CHANNELS: { channel: PaymentChannel; hasLogin: boolean }[] = [
  { channel: "WEB", hasLogin: true },
  { channel: "WEB", hasLogin: false },
  { channel: "AUTOPAY", hasLogin: true },
  { channel: "PLAN", hasLogin: false },
  { channel: "STAFF_PHONE", hasLogin: false },
  { channel: "IMPORT", hasLogin: false },
  { channel: "MAIL", hasLogin: false },
];
const METHODS: PaymentMethodKind[] = ["CARD", "ACH", "APPLE_PAY", "CASH", "CHECK", "GOOGLE_PAY"];
const STATUSES: PaymentStatus[] = [
  "CAPTURED",
  "SETTLED",
  "DECLINED",
  "PENDING",
  "VOIDED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "RETURNED",
  "FAILED",
  "AUTHORIZED",
];

type TFixture = {
  id: string;
  createdAt: Date;
  accountNumber: string;
  channel: PaymentChannel;
  payerUserId: string | null;
  methodKind: PaymentMethodKind;
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  last4: string;
  receiptNumber: string;
  takenByUserId: string | null;
};

describe("the transactions list, its CSV, the dashboard and the deposits", () => {
  let scope: TTransactionScope;
  let otherScope: TTransactionScope;
  let payments: TFixture[];
  let staffId: string;
  let batchId: string;
  let offBatchId: string;
  let otherBatchId: string;

  beforeAll(async () => {
    const db = database.db;
    const tag = randomUUID().slice(0, 8);
    const practice = await db.practice.create({
      data: { name: "Reports Clinic", clientId: `RPT-${tag}`, timeZone: TZ },
    });
    scope = { practiceId: practice.id, timeZone: TZ };
    const staff = await db.user.create({
      data: {
        email: `staff-${tag}@reports.example`,
        role: "BILLING_CLERK",
        practiceId: practice.id,
        firstName: "Sam",
        lastName: "Clerk",
      },
    });
    staffId = staff.id;
    const payer = await db.user.create({
      data: { email: `pat-${tag}@reports.example`, role: "PATIENT", firstName: "Pat", lastName: "Payer" },
    });
    const accounts = await Promise.all(
      ["R-1", "R-2"].map((accountNumber) =>
        db.account.create({
          data: {
            practiceId: practice.id,
            accountNumber,
            guarantorFirstName: "Pat",
            guarantorLastName: "Payer",
          },
        }),
      ),
    );
    payments = Array.from({ length: 64 }, (_, i): TFixture => {
      const { channel, hasLogin } = CHANNELS[i % CHANNELS.length]!;
      const status = STATUSES[i % STATUSES.length]!;
      // Over the 40 days up to today, a few an hour apart each day; some at the same instant.
      const createdAt = new Date(NOW.getTime() - (i % 40) * 86_400_000 - Math.floor(i / 40) * 3_600_000);
      const amountCents = 1000 + (i % 7) * 250; // $10.00 to $25.00, with ties
      return {
        id: `rpt_${tag}_${String(i).padStart(2, "0")}`,
        createdAt,
        accountNumber: accounts[i % 2]!.accountNumber,
        channel,
        payerUserId: hasLogin ? payer.id : null,
        methodKind: METHODS[i % METHODS.length]!,
        status,
        amountCents,
        refundedCents: status === "PARTIALLY_REFUNDED" ? 300 : status === "REFUNDED" ? amountCents : 0,
        last4: String(1000 + (i % 3)),
        receiptNumber: `RPT-${tag}-${i}`,
        takenByUserId: channel === "STAFF_PHONE" || channel === "MAIL" ? staff.id : null,
      };
    });
    // New York's evening of Saturday 2026-12-05: Sunday in UTC.
    payments.push({
      ...payments[0]!,
      id: `rpt_${tag}_late`,
      createdAt: new Date("2026-12-06T04:30:00Z"),
      receiptNumber: `RPT-${tag}-late`,
      amountCents: 4321, // $43.21
    });
    await db.payment.createMany({
      data: payments.map((p) => ({
        id: p.id,
        practiceId: practice.id,
        accountId: accounts.find((a) => a.accountNumber === p.accountNumber)!.id,
        payerUserId: p.payerUserId,
        takenByUserId: p.takenByUserId,
        channel: p.channel,
        status: p.status,
        amountCents: p.amountCents,
        refundedCents: p.refundedCents,
        idempotencyKey: `idem-${p.id}`,
        receiptNumber: p.receiptNumber,
        methodKind: p.methodKind,
        brand: p.methodKind === "CARD" ? "visa" : null,
        last4: p.last4,
        payerName: 'Payer, "Pat"',
        createdAt: p.createdAt,
      })),
    });
    const sales = payments.filter((p) => p.status === "SETTLED").slice(0, 3);
    const batch = await db.settlementBatch.create({
      data: {
        practiceId: practice.id,
        gatewayBatchId: `sb_${tag}_1`,
        traceNumber: "021000020000001",
        effectiveDate: new Date("2026-12-04T00:00:00Z"),
        settledAt: new Date("2026-12-03T23:00:00Z"),
        itemCount: 3,
        totalCents: sales.reduce((n, p) => n + p.amountCents, 0),
        returnsCents: 0,
        items: {
          create: sales.map((p) => ({ paymentId: p.id, kind: "SALE" as const, amountCents: p.amountCents })),
        },
      },
    });
    batchId = batch.id;
    // The gateway counts a transaction the portal does not know: its total is not what the items add up to.
    const off = await db.settlementBatch.create({
      data: {
        practiceId: practice.id,
        gatewayBatchId: `sb_${tag}_2`,
        traceNumber: "021000020000002",
        effectiveDate: new Date("2026-12-05T00:00:00Z"),
        settledAt: new Date("2026-12-04T23:00:00Z"),
        itemCount: 2,
        totalCents: sales[0]!.amountCents + 999,
        returnsCents: 0,
        items: { create: [{ paymentId: sales[0]!.id, kind: "SALE", amountCents: sales[0]!.amountCents }] },
      },
    });
    offBatchId = off.id;

    const other = await makeOtherPractice(db);
    otherScope = { practiceId: other.practiceId, timeZone: "America/Chicago" };
    const otherBatch = await db.settlementBatch.create({
      data: {
        practiceId: other.practiceId,
        gatewayBatchId: `sb_${tag}_other`,
        traceNumber: "021000020000003",
        effectiveDate: new Date("2026-12-04T00:00:00Z"),
        settledAt: new Date("2026-12-03T23:00:00Z"),
        itemCount: 1,
        totalCents: 100,
        returnsCents: 0,
        items: { create: [{ paymentId: sales[1]!.id, kind: "SALE", amountCents: 100 }] },
      },
    });
    otherBatchId = otherBatch.id;
  });

  /** Every row of the list, page after page of `limit`, following the cursors. */
  const walk = async (filters: TTransactionFilters, limit = 7) => {
    const rows: TTransactionRow[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const f: TTransactionFilters = cursor
        ? ZTransactionFilters.parse({ sort: filters.sort, cursor })
        : filters;
      const page = await listTransactions({ scope, filters: { ...filters, after: f.after }, limit });
      rows.push(...page.rows);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return rows;
  };

  const filters = (params: Record<string, string>) => ZTransactionFilters.parse(params);

  it("walks every payment once in each order, ties broken by id", async () => {
    const byTime = [...payments].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
    expect((await walk(NO_FILTERS)).map((r) => r.id)).toEqual(byTime.map((p) => p.id));
    expect((await walk(filters({ sort: "oldest" }))).map((r) => r.id)).toEqual(
      [...byTime].reverse().map((p) => p.id),
    );
    const byAmount = [...payments].sort((a, b) => b.amountCents - a.amountCents || (a.id < b.id ? 1 : -1));
    expect((await walk(filters({ sort: "amount_desc" }))).map((r) => r.id)).toEqual(
      byAmount.map((p) => p.id),
    );
    expect((await walk(filters({ sort: "amount_asc" }), 5)).map((r) => r.id)).toEqual(
      [...byAmount].reverse().map((p) => p.id),
    );
  });

  it("selects exactly the payments each filter names, and totals them", async () => {
    const cases: [Record<string, string>, (p: TFixture) => boolean][] = [
      [
        { status: "collected" },
        (p) => (STATUS_FILTERS.collected.statuses as readonly string[]).includes(p.status),
      ],
      [{ status: "declines" }, (p) => p.status === "DECLINED" || p.status === "FAILED"],
      [{ status: "voided" }, (p) => p.status === "VOIDED"],
      [{ method: "ach" }, (p) => p.methodKind === "ACH"],
      [{ channel: "portal" }, (p) => p.channel === "WEB" && p.payerUserId !== null],
      [{ channel: "guest" }, (p) => p.channel === "WEB" && p.payerUserId === null],
      [{ channel: "staff" }, (p) => p.channel === "STAFF_PHONE" || p.channel === "MAIL"],
      [{ min: "15", max: "20.00" }, (p) => p.amountCents >= 1500 && p.amountCents <= 2000],
      [{ staff: "" }, () => true],
      [{ last4: "1001" }, (p) => p.last4 === "1001"],
      [{ account: "R-2" }, (p) => p.accountNumber === "R-2"],
      [{ receipt: payments[5]!.receiptNumber }, (p) => p.id === payments[5]!.id],
      [
        { from: "2026-12-05", to: "2026-12-05" },
        (p) =>
          p.createdAt >= new Date("2026-12-05T05:00:00Z") && p.createdAt < new Date("2026-12-06T05:00:00Z"),
      ],
      [
        { from: "2026-12-01", channel: "plan", status: "collected" },
        (p) =>
          p.createdAt >= new Date("2026-12-01T05:00:00Z") &&
          p.channel === "PLAN" &&
          (STATUS_FILTERS.collected.statuses as readonly string[]).includes(p.status),
      ],
    ];
    for (const [params, keep] of cases) {
      const f = filters(params);
      const expected = payments.filter(keep);
      const rows = await walk(f);
      expect(new Set(rows.map((r) => r.id)), JSON.stringify(params)).toEqual(
        new Set(expected.map((p) => p.id)),
      );
      expect(await transactionTotals({ scope, filters: f }), JSON.stringify(params)).toEqual({
        count: expected.length,
        amountCents: expected.reduce((n, p) => n + p.amountCents, 0),
        refundedCents: expected.reduce((n, p) => n + p.refundedCents, 0),
      });
    }
    // The filter by staff member: the payments they took.
    const taken = await walk(filters({ staff: staffId }));
    expect(taken.map((r) => r.id).sort()).toEqual(
      payments
        .filter((p) => p.takenByUserId === staffId)
        .map((p) => p.id)
        .sort(),
    );
    expect(taken[0]).toMatchObject({ takenByFirstName: "Sam", takenByLastName: "Clerk" });
    // The late-evening payment is on Saturday in New York, though Sunday in UTC.
    const saturday = await walk(filters({ from: "2026-12-05", to: "2026-12-05" }));
    expect(saturday.map((r) => r.receiptNumber)).toContain(payments.at(-1)!.receiptNumber);
  });

  it("streams the CSV with the list's rows, in its order, and the same totals", async () => {
    const cases: Record<string, string>[] = [
      {},
      { status: "collected", sort: "amount_desc" },
      { channel: "guest", from: "2026-11-20" },
    ];
    for (const params of cases) {
      const f = filters(params);
      const listed = await walk(f);
      const streamed: TTransactionRow[] = [];
      for await (const row of streamTransactions({ scope, filters: f, batchSize: 6 })) streamed.push(row);
      expect(streamed).toEqual(listed);

      let text = "";
      async function* again() {
        yield* streamTransactions({ scope, filters: f, batchSize: 6 });
      }
      for await (const chunk of transactionCsv(again(), TZ, 4)) text += chunk;
      const lines = text.split("\r\n").slice(0, -1);
      expect(lines[0]).toBe(CSV_HEADER.join(","));
      expect(lines.length - 1).toBe(listed.length);
      const expectedLines = listed.map((r) =>
        transactionCsvCells(r, TZ)
          .map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c))
          .join(","),
      );
      expect(lines.slice(1)).toEqual(expectedLines);
      const totals = await transactionTotals({ scope, filters: f });
      const amountColumn = CSV_HEADER.indexOf("Amount");
      const sum = listed
        .map((r) => transactionCsvCells(r, TZ)[amountColumn]!)
        .reduce((n, cell) => n + parseDollarsToCents(cell)!, 0);
      expect(sum).toBe(totals.amountCents);
    }
    // No card or bank number: the method is its brand and last 4.
    const [first] = await walk(filters({ method: "card" }));
    expect(transactionCsvCells(first!, TZ).join(",")).toMatch(/,Card,Visa,\d{4},/);
  });

  it("gives dashboard figures that equal the list each links to", async () => {
    const dashboard = await getDashboard({ scope, now: NOW, days: 30 });
    const figures: [string, TFigure, "amount" | "refunded"][] = [["pending", dashboard.pending, "amount"]];
    for (const period of [dashboard.today, dashboard.month]) {
      figures.push([`${period.label} collected`, period.collected, "amount"]);
      for (const [k, f] of Object.entries(period.byChannel))
        figures.push([`${period.label} ${k}`, f, "amount"]);
      for (const [k, f] of Object.entries(period.byMethod))
        figures.push([`${period.label} ${k}`, f, "amount"]);
      figures.push([`${period.label} declines`, period.declines, "amount"]);
      figures.push([`${period.label} refunds`, period.refunds, "refunded"]);
      figures.push([`${period.label} voids`, period.voids, "amount"]);
      figures.push([`${period.label} returns`, period.returns, "amount"]);
    }
    for (const point of dashboard.daily)
      figures.push([`day ${point.day.toISOString()}`, point.collected, "amount"]);
    for (const [name, figure, cents] of figures) {
      const url = new URL(figure.href, "http://portal");
      expect(url.pathname).toBe("/staff/transactions");
      const totals = await transactionTotals({
        scope,
        filters: filters(Object.fromEntries(url.searchParams)),
      });
      expect({ count: figure.count, cents: figure.cents }, name).toEqual({
        count: totals.count,
        cents: cents === "amount" ? totals.amountCents : totals.refundedCents,
      });
    }
    // And what they say, worked out from the payments made.
    const isCollected = (p: TFixture) =>
      (STATUS_FILTERS.collected.statuses as readonly string[]).includes(p.status);
    const todays = payments.filter((p) => p.createdAt >= new Date("2026-12-06T05:00:00Z"));
    expect(dashboard.today.collected.count).toBe(todays.filter(isCollected).length);
    expect(dashboard.today.collected.count).toBeGreaterThan(0);
    const decembers = payments.filter((p) => p.createdAt >= new Date("2026-12-01T05:00:00Z"));
    expect(dashboard.month.byChannel.guest.cents).toBe(
      decembers
        .filter((p) => isCollected(p) && reportChannelOf(p) === "guest")
        .reduce((n, p) => n + p.amountCents, 0),
    );
    expect(dashboard.pending.count).toBe(payments.filter((p) => p.status === "PENDING").length);
    expect(dashboard.daily).toHaveLength(30);
    expect(dashboard.daily.at(-1)!.day).toEqual(new Date("2026-12-06T00:00:00Z"));
    expect((await getDashboard({ scope, now: NOW, days: 90 })).daily).toHaveLength(90);
  });

  it("lists deposits that reconcile, and opens a deposit's payments", async () => {
    const { rows, total } = await listDeposits({ practiceId: scope.practiceId, page: 1 });
    expect(total).toBe(2);
    expect(rows.map((d) => d.id)).toEqual([offBatchId, batchId]);
    const good = rows.find((d) => d.id === batchId)!;
    expect(good).toMatchObject({ storedItems: 3, isReconciled: true, netOfItemsCents: good.totalCents });
    expect(rows.find((d) => d.id === offBatchId)!.isReconciled).toBe(false);
    const listed = await transactionTotals({ scope, filters: filters({ batch: batchId }) });
    expect(listed).toMatchObject({ count: 3, amountCents: good.salesCents });
    expect(good.salesCents).toBe(good.totalCents);
  });

  it("keeps every practice to its own payments and deposits", async () => {
    expect(await transactionTotals({ scope: otherScope, filters: NO_FILTERS })).toEqual({
      count: 0,
      amountCents: 0,
      refundedCents: 0,
    });
    // Another practice's deposit opens nothing, not even the payments it names.
    expect((await transactionTotals({ scope, filters: filters({ batch: otherBatchId }) })).count).toBe(0);
    expect((await transactionTotals({ scope: otherScope, filters: filters({ batch: batchId }) })).count).toBe(
      0,
    );
    for (const [practiceId, id] of [
      [otherScope.practiceId, batchId],
      [scope.practiceId, otherBatchId],
      [scope.practiceId, "missing"],
    ] as const) {
      await expect(getDepositOrThrow({ practiceId, batchId: id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(
      (await listDeposits({ practiceId: otherScope.practiceId, page: 1 })).rows.map((d) => d.id),
    ).toEqual([otherBatchId]);
    const dashboard = await getDashboard({ scope: otherScope, now: NOW });
    expect(dashboard.month.collected.count).toBe(0);
  });
});
