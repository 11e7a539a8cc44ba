// `npm run bench:posting`: the end-of-day posting files (IMDPA 1.4 and the X12 835) of one
// business day with N payments (default 1,000,000) on PostgreSQL, each written by the portal's
// producer (a cursor, the writers, 1 MB chunks stored) in a process of its own started as
// `npm run worker` is, beside the baseline: `COPY (SELECT …) TO STDOUT` of the same rows (the
// producer's own query) in the same run. Reports time, rows/s, CPU and the producer process's
// peak RSS. See bench/README.md and RESULTS.md.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { toIsoDay } from "@/lib/dates";
import { openDatabase, setDbForTests } from "@/lib/db";
import { toQuery } from "@/lib/db/sql";
import { postingLinesQuery } from "@/lib/exports/posting-file";
import type { TPostingFormat } from "@/lib/exports/posting-rows";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { createBenchDatabase, fixed, loadAverage, log, param, withCleanup } from "./support";

const execFileAsync = promisify(execFile);
const PAYMENTS = param("payments", 1_000_000);
/**
 * The node flags of the producer's process: those `npm run worker` starts with (package.json),
 * or PRODUCER_NODE_FLAGS to try others ("" for none).
 */
const workerFlags = () => {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { worker: string } }).scripts
    .worker;
  const args = script.split(/\s+/);
  return args.slice(1, args.indexOf("--import")).join(" ");
};
const PRODUCER_FLAGS = (process.env.PRODUCER_NODE_FLAGS ?? workerFlags()).split(" ").filter(Boolean);

/** What bench/posting-producer.ts reports of one file. */
type TProducerRun = {
  ms: number;
  cpuMs: number;
  rssBefore: number;
  peak: number;
  hwm: number;
  file: { fileName: string; rowCount: number; byteCount: number; status: string };
};
const ACCOUNTS = param("accounts", 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

/** The business day of the run: 2026-03-03 with the demo practice's 17:00 cut-off (EST). */
const BUSINESS_DAY = new Date("2026-03-03T00:00:00Z");
const WINDOW = { start: new Date("2026-03-02T22:00:00Z"), end: new Date("2026-03-03T22:00:00Z") };

/** Peak RSS of this process while `fn` runs, sampled every 20 ms. */
const measured = async <T>(fn: () => Promise<T>) => {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const value = await fn();
    const cpu = process.cpuUsage(cpu0);
    return {
      value,
      ms: performance.now() - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      before,
      peak: Math.max(peak, process.memoryUsage().rss),
    };
  } finally {
    clearInterval(sampler);
  }
};

/** A query with its values written in as literals: COPY takes no parameters. */
const inlined = (client: pg.Client, query: ReturnType<typeof postingLinesQuery>) => {
  const { text, values } = toQuery(query);
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    return client.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
  });
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
    const [{ version }] = await database.db.$queryRaw<[{ version: string }]>`SELECT version()`;

    // The day's payments, by set-based SQL (not timed): N payments over the 24 hours of the
    // window, one statement each, on ACCOUNTS accounts; 80% card captured, 8% eCheck captured,
    // 5% declined, 3% voided the same day, 2% settled, 2% authorised only; 1 in 100 refunded.
    const sql = new pg.Client({ connectionString: bench.url });
    await sql.connect();
    defer(() => sql.end());
    const t0Setup = performance.now();
    await sql.query(
      `INSERT INTO account (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName",
         address1, city, state, zip, "updatedAt")
       SELECT 'ba' || i, $1, 'B-' || lpad(i::text, 7, '0'), 'Morgan', 'Ellis-Whitaker',
         '48 Pine Street', 'Philadelphia', 'PA', '19103', now()
       FROM generate_series(1, $2::int) i`,
      [practice.id, ACCOUNTS],
    );
    await sql.query(
      `INSERT INTO statement (id, "accountId", "statementNumber", "statementDate", "amountDueCents", "balanceCents",
         "patientFirstName", "patientLastName", "patientDob", "updatedAt")
       SELECT 'bs' || i, 'ba' || (1 + i % $2::int), 'ST-B' || lpad(i::text, 8, '0'), '2026-02-15', 50000, 0,
         'Jamie', 'Ellis-Whitaker', '2012-05-01', now()
       FROM generate_series(1, $1::int) i`,
      [PAYMENTS, ACCOUNTS],
    );
    await sql.query(
      `INSERT INTO payment (id, "practiceId", "accountId", channel, status, "amountCents", "idempotencyKey",
         "receiptNumber", "gatewayTransactionId", "authorizationCode", "methodKind", brand, last4,
         "declineCode", "declineMessage", "createdAt", "capturedAt", "settledAt", "voidedAt", "updatedAt")
       SELECT 'bp' || i, $1, 'ba' || (1 + i % $3::int), 'WEB', k.status::"PaymentStatus", 100 + ((i::bigint * 7919) % 99900)::int,
         'bk' || i, 'RB' || lpad(i::text, 8, '0'), 'txn_' || md5(i::text),
         CASE WHEN k.status <> 'DECLINED' THEN 'A' || (i % 100000) END,
         (CASE WHEN k.ach THEN 'ACH' ELSE 'CARD' END)::"PaymentMethodKind",
         CASE WHEN NOT k.ach THEN (ARRAY['visa','mastercard','amex','discover'])[1 + i % 4] END, '4242',
         CASE WHEN k.status = 'DECLINED' THEN '05' END, CASE WHEN k.status = 'DECLINED' THEN 'Do not honor' END,
         t.at, CASE WHEN k.status NOT IN ('DECLINED', 'AUTHORIZED') THEN t.at END,
         CASE WHEN k.status = 'SETTLED' THEN t.at + interval '1 minute' END,
         CASE WHEN k.status = 'VOIDED' THEN t.at + interval '1 minute' END, now()
       FROM generate_series(1, $2::int) i
       CROSS JOIN LATERAL (SELECT $4::timestamptz + (i::float8 / ($2::int + 1)) * interval '23 hours 58 minutes' AS at) t
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 100 < 80 THEN 'CAPTURED' WHEN i % 100 < 88 THEN 'CAPTURED'
           WHEN i % 100 < 93 THEN 'DECLINED' WHEN i % 100 < 96 THEN 'VOIDED' WHEN i % 100 < 98 THEN 'SETTLED'
           ELSE 'AUTHORIZED' END AS status, i % 100 BETWEEN 80 AND 87 AS ach) k`,
      [practice.id, PAYMENTS, ACCOUNTS, WINDOW.start.toISOString()],
    );
    await sql.query(
      `INSERT INTO payment_allocation (id, "paymentId", "statementId", "amountCents", "updatedAt")
       SELECT 'bl' || i, 'bp' || i, 'bs' || i, 100 + ((i::bigint * 7919) % 99900)::int, now() FROM generate_series(1, $1::int) i`,
      [PAYMENTS],
    );
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    await sql.query(
      `INSERT INTO refund (id, "paymentId", kind, "amountCents", reason, status, "gatewayRefundId", "createdByUserId",
         "createdAt", "updatedAt")
       SELECT 'br' || p.id, p.id, 'REFUND', 100, 'Overpaid', 'SUCCEEDED', 'rf_' || p.id, $1, p."createdAt" + interval '1 minute', now()
       FROM payment p WHERE p.id LIKE 'bp%' AND p.status = 'CAPTURED' AND substr(p.id, 3)::int % 100 = 1`,
      [staff.id],
    );
    await sql.query(`VACUUM ANALYZE`);
    const setupMs = performance.now() - t0Setup;
    const {
      rows: [counts],
    } = await sql.query<{ payments: string; refunds: string }>(
      `SELECT (SELECT count(*) FROM payment) AS payments, (SELECT count(*) FROM refund) AS refunds`,
    );
    log(
      `data: ${counts!.payments} payments, ${counts!.refunds} refunds, ${ACCOUNTS} accounts (${seconds(setupMs)} to make, not timed)`,
    );

    // Baseline: the producer's own query, COPY'd to this process and thrown away.
    const copyText = inlined(
      sql,
      postingLinesQuery({ practiceId: practice.id, window: WINDOW, timeZone: DEMO.practice.timeZone }),
    );
    const copyOnce = () =>
      measured(async () => {
        const stream = sql.query(copyTo(`COPY (${copyText}) TO STDOUT`));
        let bytes = 0;
        let rows = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows += 1;
        }
        return { bytes, rows };
      });
    const copy = await copyOnce();

    // Each file in a process of its own, started as `npm run worker` is (bench/posting-producer.ts).
    const run = async (format: TPostingFormat) => {
      const { stdout } = await execFileAsync(
        process.execPath,
        [
          ...PRODUCER_FLAGS,
          "--import",
          "./scripts/server-only.mjs",
          "--import",
          "tsx",
          "bench/posting-producer.ts",
        ],
        {
          env: {
            ...process.env,
            DATABASE_URL: bench.url,
            PRACTICE_ID: practice.id,
            FORMAT: format,
            BUSINESS_DAY: toIsoDay(BUSINESS_DAY),
          },
          maxBuffer: 1024 * 1024,
        },
      );
      return JSON.parse(stdout.trim().split("\n").at(-1)!) as TProducerRun;
    };
    const imdpa = await run("IMDPA14");
    const x12 = await run("X12_835");
    // The baseline again after both files: on a shared machine one run of anything can be slow.
    const copyAgain = await copyOnce();

    log();
    log(`## Machine`);
    log(
      `- CPU: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length} logical cores; memory ${mb(os.totalmem())}`,
    );
    log(`- Node ${process.version}; ${version.split(",")[0]}`);
    log(`- producer's node flags: ${PRODUCER_FLAGS.join(" ") || "none"}`);
    log(`- load average at the end ${loadAverage()}`);
    log();
    log(`## Figures (${PAYMENTS} payments)`);
    log();
    log(
      `| what | rows | bytes | time | rows/s | × COPY (× the second) | the process's CPU | peak RSS: sampled, VmHWM (before) |`,
    );
    log(`| ---- | ---- | ----- | ---- | ------ | ------ | ------------------ | ----------------- |`);
    log(
      `| COPY (SELECT …) TO STDOUT, the same query | ${copy.value.rows} | ${mb(copy.value.bytes)} | ${seconds(copy.ms)} | ${fixed(copy.value.rows / (copy.ms / 1000), 0)} | 1.00 | ${seconds(copy.cpuMs)} | ${mb(copy.peak)} (${mb(copy.before)}) |`,
    );
    log(
      `| the same COPY again, after the files | ${copyAgain.value.rows} | ${mb(copyAgain.value.bytes)} | ${seconds(copyAgain.ms)} | ${fixed(copyAgain.value.rows / (copyAgain.ms / 1000), 0)} | ${fixed(copyAgain.ms / copy.ms, 2)} | ${seconds(copyAgain.cpuMs)} | ${mb(copyAgain.peak)} (${mb(copyAgain.before)}) |`,
    );
    for (const [name, r] of [
      ["IMDPA 1.4", imdpa],
      ["X12 835", x12],
    ] as const) {
      log(
        `| ${name}: ${r.file.fileName} | ${r.file.rowCount} records | ${mb(r.file.byteCount)} | ${seconds(r.ms)} | ${fixed(copy.value.rows / (r.ms / 1000), 0)} | ${fixed(r.ms / copy.ms, 2)} (${fixed(r.ms / copyAgain.ms, 2)}) | ${seconds(r.cpuMs)} | ${mb(r.peak)}, ${mb(r.hwm)} (${mb(r.rssBefore)}) |`,
      );
    }
    const ok =
      imdpa.file.status === "READY" && x12.file.status === "READY" && imdpa.file.rowCount === copy.value.rows;
    log();
    log(`correct: ${ok ? "yes" : "NO"} (IMDPA has one record per line of the query; both files READY)`);
    if (!ok) process.exitCode = 1;
  });

void main();
