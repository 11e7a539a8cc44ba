// `npm run bench:reports`: the staff dashboard and transactions list (lib/reports) over N payments
// (default 1,000,000) of one practice on PostgreSQL, a year of them, made by set-based SQL. For
// each read the pages make: its p50 and p95 over repeated runs through the app's own Prisma
// Client, beside a bare query of the same rows through a plain `pg` client in the same run,
// the two interleaved so that the machine's noise falls on both. See bench/README.md and
// RESULTS.md.
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { openDatabase, setDbForTests } from "@/lib/db";
import { toQuery } from "@/lib/db/sql";
import { getDashboard } from "@/lib/reports/dashboard";
import { ZTransactionFilters, type TTransactionFilters } from "@/lib/reports/filters";
import {
  dayRange,
  listTransactions,
  transactionTotals,
  transactionsWhere,
  type TTransactionScope,
} from "@/lib/reports/transactions";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { createBenchDatabase, fixed, loadAverage, log, param, stats, withCleanup } from "./support";

const PAYMENTS = param("payments", 1_000_000);
const ACCOUNTS = param("accounts", 50_000);
const RUNS = param("runs", 20);
const DEEP = param("deep", 20_000);

/** The benchmark's "now": noon in New York on 2026-12-06; the payments go back a year from it. */
const NOW = new Date("2026-12-06T17:00:00Z");

const msText = (v: number) => `${fixed(v, 1)} ms`;

/** Runs `app` and `bare` RUNS times each, alternating, after two untimed runs of each. */
const compare = async (app: () => Promise<unknown>, bare: () => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) {
    await app();
    await bare();
  }
  const appMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await app();
    appMs.push(performance.now() - t0);
    t0 = performance.now();
    await bare();
    bareMs.push(performance.now() - t0);
  }
  return { app: stats(appMs), bare: stats(bareMs) };
};

const main = () =>
  withCleanup(async (defer) => {
    const bench = await createBenchDatabase();
    defer(() => bench.drop());
    const database = await openDatabase({ kind: "postgres", url: bench.url }, { migrate: true });
    defer(() => database.close());
    setDbForTests(database);
    await seedDemoData(database.db);
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    const patient = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const [{ version }] = await database.db.$queryRaw<[{ version: string }]>`SELECT version()`;
    const scope: TTransactionScope = { practiceId: practice.id, timeZone: practice.timeZone };

    // A year of payments up to NOW, newest first by i (not timed). Channels: 35% portal, 20%
    // guest, 15% autopay, 10% plan, 10% staff phone, 10% imported; statuses: about 60% settled,
    // 15% captured, 7% declined, 3% voided, 3% partly and 2% fully refunded, 1% returned, 1%
    // failed, 1% pending, the rest authorised; cards, bank accounts, wallets, cash and checks.
    const sql = new pg.Client({ connectionString: bench.url });
    await sql.connect();
    defer(() => sql.end());
    const t0Setup = performance.now();
    await sql.query(
      `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName", "updatedAt")
       SELECT 'ba' || i, $1, 'B-' || lpad(i::text, 7, '0'), 'Morgan', 'Ellis', now()
       FROM generate_series(1, $2::int) i`,
      [practice.id, ACCOUNTS],
    );
    await sql.query(
      `INSERT INTO payment (id, "practiceId", "accountId", "payerUserId", "takenByUserId", channel, status, "amountCents",
         "refundedCents", "idempotencyKey", "receiptNumber", "methodKind", brand, last4, "payerName", "createdAt",
         "updatedAt")
       SELECT 'bp' || i, $1, 'ba' || (1 + i % $3::int),
         CASE WHEN c.ch IN ('PORTAL', 'AUTOPAY') THEN $5 END, CASE WHEN c.ch = 'STAFF_PHONE' THEN $6 END,
         (CASE WHEN c.ch IN ('PORTAL', 'GUEST') THEN 'WEB' ELSE c.ch END)::"PaymentChannel", k.status::"PaymentStatus",
         a.cents, CASE k.status WHEN 'PARTIALLY_REFUNDED' THEN 100 WHEN 'REFUNDED' THEN a.cents ELSE 0 END,
         'bk' || i, 'RB' || lpad(i::text, 8, '0'), m.kind::"PaymentMethodKind",
         CASE WHEN m.kind IN ('CARD', 'APPLE_PAY', 'GOOGLE_PAY') THEN (ARRAY['visa','mastercard','amex','discover'])[1 + i % 4] END,
         lpad((i % 10000)::text, 4, '0'), 'Morgan Ellis', t.at, t.at
       FROM generate_series(1, $2::int) i
       CROSS JOIN LATERAL (SELECT $4::timestamptz - (i::float8 / ($2::int + 1)) * interval '365 days' AS at) t
       CROSS JOIN LATERAL (SELECT 100 + ((i::bigint * 7919) % 99900)::int AS cents) a
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 < 7 THEN 'PORTAL' WHEN i % 20 < 11 THEN 'GUEST'
           WHEN i % 20 < 14 THEN 'AUTOPAY' WHEN i % 20 < 16 THEN 'PLAN' WHEN i % 20 < 18 THEN 'STAFF_PHONE'
           ELSE 'IMPORT' END AS ch) c
       CROSS JOIN LATERAL (SELECT CASE WHEN c.ch = 'IMPORT' THEN (CASE WHEN i % 2 = 0 THEN 'CASH' ELSE 'CHECK' END)
           WHEN i % 31 < 22 THEN 'CARD' WHEN i % 31 < 27 THEN 'ACH' WHEN i % 31 < 29 THEN 'APPLE_PAY'
           ELSE 'GOOGLE_PAY' END AS kind) m
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 97 < 58 THEN 'SETTLED' WHEN i % 97 < 73 THEN 'CAPTURED'
           WHEN i % 97 < 80 THEN 'DECLINED' WHEN i % 97 < 83 THEN 'VOIDED' WHEN i % 97 < 86 THEN 'PARTIALLY_REFUNDED'
           WHEN i % 97 < 88 THEN 'REFUNDED' WHEN i % 97 < 89 THEN 'RETURNED' WHEN i % 97 < 90 THEN 'FAILED'
           WHEN i % 97 < 91 THEN 'PENDING' ELSE 'AUTHORIZED' END AS status) k`,
      [practice.id, PAYMENTS, ACCOUNTS, NOW.toISOString(), patient.id, staff.id],
    );
    await sql.query(`VACUUM ANALYZE`);
    const setupMs = performance.now() - t0Setup;
    const {
      rows: [counts],
    } = await sql.query<{ payments: string }>(`SELECT count(*) AS payments FROM payment`);
    log(
      `data: ${counts!.payments} payments, ${ACCOUNTS} accounts (${fixed(setupMs / 1000)} s to make, not timed)`,
    );

    const filters = (params: Record<string, string>) => ZTransactionFilters.parse(params);
    const bareQuery = (text: string, values: unknown[]) => () => sql.query(text, values);
    /** The bare read of a page's rows: the same payments by primary key, every column. */
    const bareRows = async (f: TTransactionFilters) => {
      const { rows } = await listTransactions({ scope, filters: f });
      return bareQuery(`SELECT * FROM payment WHERE id = ANY($1::text[])`, [rows.map((r) => r.id)]);
    };
    /** The bare count and sum of the rows the filters select, with the same WHERE. */
    const bareTotals = (f: TTransactionFilters) => {
      const { text, values } = toQuery(transactionsWhere(scope, f));
      return bareQuery(`SELECT count(*), sum("amountCents") FROM payment p WHERE ${text}`, values);
    };
    /** The cursor after the first DEEP rows of the list in its order (found by OFFSET, not timed). */
    const deep = async (f: TTransactionFilters): Promise<TTransactionFilters> => {
      const { rows } = await listTransactions({ scope, filters: f, limit: DEEP });
      const last = rows.at(-1)!;
      const key = f.sort === "newest" || f.sort === "oldest" ? last.createdAt : last.amountCents;
      return { ...f, after: { sort: f.sort, key, id: last.id } };
    };

    const today = "2026-12-06";
    const days30 = "2026-11-07";
    const days90 = "2026-09-08";
    const results: {
      what: string;
      app: ReturnType<typeof stats>;
      bare: ReturnType<typeof stats>;
      bareWhat: string;
    }[] = [];
    const measure = async (
      what: string,
      app: () => Promise<unknown>,
      bare: () => Promise<unknown>,
      bareWhat: string,
    ) => {
      const r = await compare(app, bare);
      results.push({ what, ...r, bareWhat });
      log(`${what}: p50 ${msText(r.app.p50)}, p95 ${msText(r.app.p95)}; bare p95 ${msText(r.bare.p95)}`);
    };

    // The dashboard: one grouped read of the days it shows, and the pending payments.
    for (const days of [30, 90] as const) {
      const start = new Date(NOW.getTime() - (days - 1) * 86_400_000);
      const { start: from } = dayRange(
        { from: new Date(`${start.toISOString().slice(0, 10)}T00:00:00Z`) },
        scope.timeZone,
      );
      await measure(
        `dashboard, chart of ${days} days`,
        () => getDashboard({ scope, now: NOW, days }),
        bareQuery(
          `SELECT count(*), sum("amountCents") FROM payment WHERE "practiceId" = $1 AND "createdAt" >= $2`,
          [practice.id, from],
        ),
        "count and sum of the same days' payments",
      );
    }

    // The list: what the page reads (its first page and its totals, at once), beside the page's
    // rows read bare by id; then the totals alone beside a bare count of the same rows.
    const pages: [string, TTransactionFilters][] = [
      ["no filter, newest first", filters({})],
      ["last 30 days, collected", filters({ from: days30, to: today, status: "collected" })],
      ["last 30 days, guest", filters({ from: days30, to: today, channel: "guest" })],
      ["largest amount first", filters({ sort: "amount_desc" })],
      ["one account", filters({ account: "B-0001234" })],
      ["last 4 over 90 days", filters({ from: days90, last4: "4242" })],
      ["pending", filters({ status: "pending" })],
    ];
    for (const [name, f] of pages) {
      await measure(
        `list first page: ${name}`,
        () =>
          Promise.all([listTransactions({ scope, filters: f }), transactionTotals({ scope, filters: f })]),
        await bareRows(f),
        "the page's 50 rows by id",
      );
      await measure(
        `  its totals alone`,
        () => transactionTotals({ scope, filters: f }),
        bareTotals(f),
        "bare count and sum, same WHERE",
      );
    }
    for (const [name, f] of [
      ["no filter, newest first", filters({})],
      ["last 90 days, collected", filters({ from: days90, status: "collected" })],
      ["largest amount first", filters({ sort: "amount_desc" })],
    ] as const) {
      const at = await deep(f);
      await measure(
        `list page after ${DEEP} rows: ${name}`,
        () => listTransactions({ scope, filters: at }),
        await bareRows(at),
        "the page's 50 rows by id",
      );
    }

    log();
    log(`## Machine`);
    log(
      `- CPU: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} logical cores; memory ${fixed(os.totalmem() / 2 ** 30)} GiB`,
    );
    log(`- Node ${process.version}; ${version.split(",")[0]}`);
    log(`- load average at the end ${loadAverage()}`);
    log();
    log(`## Figures (${PAYMENTS} payments, ${RUNS} runs each)`);
    log();
    log(`| read | p50 | p95 | bare p95 | × bare | bare query |`);
    log(`| ---- | --- | --- | -------- | ------ | ---------- |`);
    for (const r of results) {
      log(
        `| ${r.what} | ${msText(r.app.p50)} | ${msText(r.app.p95)} | ${msText(r.bare.p95)} | ${fixed(r.app.p95 / r.bare.p95, 2)} | ${r.bareWhat} |`,
      );
    }
  });

await main();
