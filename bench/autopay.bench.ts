// One autopay run over N enrolled accounts (issue 5), against the same charges made straight
// at the gateway's API as the baseline, in the same run (bench/README.md, RESULTS.md).
//
//   npm run bench:autopay                    # = node --import ./scripts/server-only.mjs --import tsx bench/autopay.bench.ts
//   npm run bench:autopay -- --accounts=2000 --mail=outbox
//
// Setup (not timed): the real sandbox gateway as a child process (bench/gateway-process.ts),
// with N approved cards put in its vault by its own code; an SMTP sink as another child
// (bench/smtp-sink-process.ts; --mail=outbox keeps mail in the outbox table instead, as with no
// SMTP_URL); a fresh `portal_bench_<random>` database, migrated and seeded with the demo data,
// then N accounts by set-based SQL: a patient login (email receipts on, the default), an account
// link, a saved card whose gatewayToken is one of the vault's ids, an ACTIVE autopay enrolment
// (limit $500.00) made 30 days ago, and one statement ($1.00 … $499.99) issued 5 days ago and due
// today. An earlier hourly run, with the clock three days back, plans the N charges (reminder
// time) and charges nothing.
//
// Timed: the hourly job's handler, `chargeDueAutopay({ now: getClock().now() })` (lib/jobs/worker.ts,
// "autopay.charge-due"), on the charge day, with the app's HTTP gateway client against the sandbox
// (latency 0): it plans (nothing new), claims, charges each statement through payBill. Then the
// receipt emails that the approvals made due, which the receipt sender in this process writes in
// the background, as in the worker.
//
// Baseline: the same N charges of the same stored methods, made straight at POST /v1/payments with
// the same HTTP client at the same concurrency, half before the run and half after it.
//
// Then it checks: N approved payments, every statement paid, every charge row PAID with its own
// payment, each key charged once at the gateway (whose own records it reads after it stops), a
// second run charges nothing, one receipt per patient. It drops the database at the end.
import { performance } from "node:perf_hooks";
import os from "node:os";
import pg from "pg";
import { autopayConsentText } from "@/lib/autopay/consent";
import { AUTOPAY_CHARGE_CONCURRENCY, chargeDueAutopay } from "@/lib/autopay/run-autopay";
import { fixedClock, getClock, setClockForTests } from "@/lib/clock";
import { toIsoDay, todayInZone } from "@/lib/dates";
import { openDatabase, setDbForTests } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { setGatewayForTests } from "@/lib/gateway";
import { createHttpGateway } from "@/lib/gateway/client";
import type { TGateway } from "@/lib/gateway/interface";
import { drainReceiptEmails, receiptSenderIdle } from "@/lib/receipts/receipt-email-queue";
import { DEMO, seedDemoData } from "@/lib/seed/demo-data";
import { walletMethodLabel } from "@/lib/method-label";
import type { TVaulted } from "./gateway-process";
import type { TSmtpCounts } from "./smtp-sink-process";
import {
  choiceParam,
  createBenchDatabase,
  createCpuProbe,
  cpuDelta,
  fixed,
  GATEWAY_API_KEY,
  loadAverage,
  log,
  ms,
  param,
  runPool,
  startGateway,
  startAutovacuumStandIn,
  startSmtpSink,
  stats,
  withCleanup,
  withCpuProfile,
  type TCpuDelta,
} from "./support";

// ---- parameters ------------------------------------------------------------------------------

/** Enrolled accounts, one statement due each: the charges of the run. */
const ACCOUNTS = Math.max(2, param("accounts", 100_000));
/** smtp: receipts go to a real SMTP server (SMTP_URL, as in production); outbox: no SMTP_URL. */
const MAIL = choiceParam("mail", ["smtp", "outbox"] as const, "smtp");
/** Charges at once: the run's own default (what the job uses) unless given; the baseline uses the same. */
const CONCURRENCY = Math.max(1, param("concurrency", AUTOPAY_CHARGE_CONCURRENCY));
/** --cpuprofile=file: V8 CPU profile of this process during the timed run only (slows it). */
const CPU_PROFILE = process.argv.find((a) => a.startsWith("--cpuprofile="))?.slice("--cpuprofile=".length);
const LIMIT_CENTS = 50_000; // $500.00, above every balance
const GATEWAY_TIMEOUT_MS = 15_000; // getGateway()'s default
/** The statement balance of account i: $1.00 … $499.99. */
const amountOf = (i: number) => 100 + ((i * 7919) % 49_900);
const BASELINE_KEY_PREFIX = "bench-baseline:";
const DAY_MS = 86_400_000;

// ---- seeding -----------------------------------------------------------------------------------

/** N accounts on autopay with a statement due today, by set-based SQL (one statement per table). */
const seedAccounts = async ({
  url,
  practiceId,
  gatewayIds,
  today,
}: {
  url: string;
  practiceId: string;
  gatewayIds: string[];
  today: Date;
}) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const n = gatewayIds.length;
  const expYear = new Date().getUTCFullYear() + 4; // the vaulted test card's expiry: 12/(year + 4)
  // The text each patient accepted, with the account number put in per row.
  const consent = autopayConsentText({
    practiceName: DEMO.practice.name,
    accountNumber: "{account}",
    methodLabel: walletMethodLabel({
      kind: "CARD",
      brand: "visa",
      bankName: null,
      last4: "1111",
      nickname: null,
    }),
    limitCents: LIMIT_CENTS,
    daysAfterStatement: 14,
    reminderDays: 3,
  });
  try {
    await client.query(
      `INSERT INTO "user" (id, email, role, "firstName", "lastName", "emailVerifiedAt", "createdAt", "updatedAt")
       SELECT 'bench_user_' || g, 'bench-patient-' || g || '@example.com', 'PATIENT', 'Bench', 'Patient' || g,
              now() - interval '40 days', now() - interval '40 days', now()
         FROM generate_series(0, $1::int - 1) g`,
      [n],
    );
    await client.query(
      `INSERT INTO "account" (id, "practiceId", "accountNumber", "guarantorFirstName", "guarantorLastName",
                              email, "createdAt", "updatedAt")
       SELECT 'bench_account_' || g, $2, 'B-' || (100000 + g), 'Bench', 'Patient' || g,
              'bench-patient-' || g || '@example.com', now() - interval '40 days', now()
         FROM generate_series(0, $1::int - 1) g`,
      [n, practiceId],
    );
    await client.query(
      `INSERT INTO "account_link" (id, "userId", "accountId", "updatedAt")
       SELECT 'bench_link_' || g, 'bench_user_' || g, 'bench_account_' || g, now()
         FROM generate_series(0, $1::int - 1) g`,
      [n],
    );
    await client.query(
      `INSERT INTO "payment_method" (id, "userId", kind, "gatewayToken", brand, last4, "expMonth", "expYear",
                                     "billingZip", "isDefault", "createdAt", "updatedAt")
       SELECT 'bench_pm_' || (t.n - 1), 'bench_user_' || (t.n - 1), 'CARD', t.token, 'visa', '1111', 12, $2,
              '19103', true, now() - interval '35 days', now()
         FROM unnest($1::text[]) WITH ORDINALITY AS t(token, n)`,
      [gatewayIds, expYear],
    );
    await client.query(
      `INSERT INTO "autopay_enrollment" (id, "accountId", "userId", "paymentMethodId", status, "limitCents",
                                         source, "consentText", "consentVersion", "consentedAt", "consentIp",
                                         "createdAt", "updatedAt")
       SELECT 'bench_enrollment_' || g, 'bench_account_' || g, 'bench_user_' || g, 'bench_pm_' || g, 'ACTIVE',
              $2, 'WEB', replace($3, '{account}', 'B-' || (100000 + g)), $4, now() - interval '30 days',
              '203.0.113.9', now() - interval '30 days', now()
         FROM generate_series(0, $1::int - 1) g`,
      [n, LIMIT_CENTS, consent.text, consent.version],
    );
    await client.query(
      `INSERT INTO "statement" (id, "accountId", "statementNumber", "statementDate", "dueDate", status,
                                "amountDueCents", "balanceCents", "totalChargesCents", "patientFirstName",
                                "patientLastName", "patientDob", "providerName", "createdAt", "updatedAt")
       SELECT 'bench_statement_' || g, 'bench_account_' || g, 'BST-' || (100000 + g), $2::date - 10, $2::date,
              'OPEN', 100 + (g * 7919) % 49900, 100 + (g * 7919) % 49900, 100 + (g * 7919) % 49900,
              'Bench', 'Patient' || g, DATE '1980-01-01', $3, now() - interval '5 days', now()
         FROM generate_series(0, $1::int - 1) g`,
      [n, toIsoDay(today), DEMO.practice.name],
    );
    // A database in use has statistics on its tables; these just filled get them here. The
    // tables the run writes (payments and their rows) are left as a new install has them,
    // never analyzed: analyzed while empty, the planner would take them for empty and check
    // every foreign key to "payment" by a sequential scan until autovacuum analyzed it again.
    await client.query(
      `ANALYZE "user", "account", "account_link", "payment_method", "autopay_enrollment", "statement"`,
    );
  } finally {
    await client.end();
  }
};

// ---- timing --------------------------------------------------------------------------------------

/** The gateway client with each charge's HTTP round trip recorded. */
const timedGateway = (inner: TGateway, roundTrips: number[]): TGateway => ({
  ...inner,
  createPayment: async (args) => {
    const t0 = performance.now();
    try {
      return await inner.createPayment(args);
    } finally {
      roundTrips.push(performance.now() - t0);
    }
  },
});

// ---- PostgreSQL's own counters -----------------------------------------------------------------

type TTableStats = Record<
  string,
  { seqScans: number; seqRows: number; idxScans: number; read: number; hit: number }
>;

/** Per table: sequential scans and the rows they read, index scans, blocks read and found in shared buffers. */
const tableStats = async (db: PrismaClient): Promise<TTableStats> => {
  // The statistics are flushed at transaction end at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const rows = await db.$queryRaw<
    { table: string; seqScans: number; seqRows: number; idxScans: number; read: number; hit: number }[]
  >`SELECT t.relname::text AS "table", t.seq_scan::float8 AS "seqScans", t.seq_tup_read::float8 AS "seqRows",
           coalesce(t.idx_scan, 0)::float8 AS "idxScans",
           (coalesce(io.heap_blks_read, 0) + coalesce(io.idx_blks_read, 0))::float8 AS read,
           (coalesce(io.heap_blks_hit, 0) + coalesce(io.idx_blks_hit, 0))::float8 AS hit
      FROM pg_stat_user_tables t JOIN pg_statio_user_tables io ON io.relid = t.relid`;
  return Object.fromEntries(rows.map(({ table, ...r }) => [table, r]));
};

/** The tables that did the most during the run, per charge. */
const tableStatsLines = (a: TTableStats, b: TTableStats, n: number) =>
  Object.entries(b)
    .map(([table, s]) => {
      const z = a[table] ?? { seqScans: 0, seqRows: 0, idxScans: 0, read: 0, hit: 0 };
      return {
        table,
        seqScans: s.seqScans - z.seqScans,
        seqRows: s.seqRows - z.seqRows,
        idxScans: s.idxScans - z.idxScans,
        blocks: s.read - z.read + (s.hit - z.hit),
        read: s.read - z.read,
      };
    })
    .filter((d) => d.blocks > 0 || d.seqScans > 0)
    .sort((x, y) => y.blocks - x.blocks)
    .slice(0, 8)
    .map(
      (d) =>
        `- ${d.table}: ${fixed(d.blocks / n)} blocks a charge (${fixed(d.read / n, 2)} not in shared buffers), ` +
        `${fixed(d.idxScans / n, 1)} index scans, ${d.seqScans} sequential scans reading ${fixed(d.seqRows / n, 1)} rows a charge`,
    );

// ---- main --------------------------------------------------------------------------------------

type TGatewayAudit = {
  portal: number;
  portal_keys: number;
  portal_methods: number;
  portal_approved: number;
  portal_cents: string | null;
  portal_keys_md5: string | null;
  baseline: number;
  baseline_approved: number;
};

const GATEWAY_AUDIT_SQL = `
  SELECT count(*) FILTER (WHERE NOT b)::int AS portal,
         count(DISTINCT idempotency_key) FILTER (WHERE NOT b)::int AS portal_keys,
         count(DISTINCT stored_method_id) FILTER (WHERE NOT b)::int AS portal_methods,
         count(*) FILTER (WHERE NOT b AND status = 'approved')::int AS portal_approved,
         (sum(amount_cents) FILTER (WHERE NOT b))::text AS portal_cents,
         md5(string_agg(idempotency_key, ',' ORDER BY idempotency_key COLLATE "C") FILTER (WHERE NOT b)) AS portal_keys_md5,
         count(*) FILTER (WHERE b)::int AS baseline,
         count(*) FILTER (WHERE b AND status = 'approved')::int AS baseline_approved
    FROM (SELECT *, idempotency_key LIKE '${BASELINE_KEY_PREFIX}%' AS b FROM gw_payment) p`;

const main = () =>
  withCleanup(async (defer) => {
    const startedAt = new Date();
    const loadAtStart = loadAverage();
    log(`autopay run over ${ACCOUNTS} accounts; load average at start ${loadAtStart}`);

    // ---- setup (not timed) -----------------------------------------------------------------------
    const t0Setup = performance.now();
    const mail = MAIL === "smtp" ? await startSmtpSink() : null;
    if (mail) defer(() => mail.stop());
    process.env.SMTP_URL = mail?.url ?? "";
    resetEnvForTests();
    log(mail ? `mail: SMTP sink at ${mail.url} (child process)` : "mail: the outbox table (no SMTP_URL)");

    const gateway = await startGateway({ vaultCards: ACCOUNTS });
    let gatewayAudit: TGatewayAudit | null = null;
    const stopGateway = async () => {
      const rows = await gateway.stop<TGatewayAudit[]>({ query: GATEWAY_AUDIT_SQL });
      gatewayAudit ??= rows?.[0] ?? null;
    };
    defer(stopGateway);
    const vaulted = await gateway.ask<TVaulted>("vaulted");
    log(
      `gateway: ${gateway.url} (child process, latency 0, no webhooks); ${vaulted.ids.length} approved cards vaulted in ${fixed(vaulted.ms / 1000)} s`,
    );

    const database = await createBenchDatabase();
    defer(database.drop);
    const opened = await openDatabase({ kind: "postgres", url: database.url }, { migrate: true });
    defer(opened.close);
    const db = opened.db;
    setDbForTests(opened);
    defer(async () => setDbForTests(undefined));
    await seedDemoData(db);
    const practice = await db.practice.findUniqueOrThrow({ where: { clientId: DEMO.practice.clientId } });
    const [{ version: pgVersion }] = await db.$queryRaw<[{ version: string }]>`SELECT version()`;
    const t0Seed = performance.now();
    const today = todayInZone(practice.timeZone, getClock().now());
    await seedAccounts({ url: database.url, practiceId: practice.id, gatewayIds: vaulted.ids, today });
    const seedMs = performance.now() - t0Seed;
    log(
      `database: ${database.name}; ${ACCOUNTS} accounts on autopay with a statement due ${toIsoDay(today)} seeded in ${fixed(seedMs / 1000)} s`,
    );

    const roundTrips: number[] = [];
    const httpGateway = createHttpGateway({
      baseUrl: gateway.url,
      apiKey: GATEWAY_API_KEY,
      timeoutMs: GATEWAY_TIMEOUT_MS,
    });
    // What getGateway() makes for GATEWAY_URL, with each charge's round trip recorded.
    setGatewayForTests(timedGateway(httpGateway, roundTrips));
    defer(async () => setGatewayForTests(undefined));

    // An earlier hourly run, three days before the charge day: it plans the charges (as the runs
    // since the statements came in have) and charges none.
    const t0Plan = performance.now();
    setClockForTests(fixedClock(new Date(Date.now() - 3 * DAY_MS)));
    const earlier = await chargeDueAutopay({ now: getClock().now() });
    setClockForTests(undefined);
    const planMs = performance.now() - t0Plan;
    log(
      `earlier run (clock 3 days back): planned ${earlier.planned}, charged ${earlier.PAID} in ${fixed(planMs / 1000)} s`,
    );
    if (earlier.planned !== ACCOUNTS || earlier.PAID !== 0)
      throw new Error("the earlier run planned wrongly");
    await db.$executeRaw`ANALYZE "autopay_charge"`;
    const setupMs = performance.now() - t0Setup;

    // PostgreSQL: this database's backends and the server's background processes only (others
    // may be using the same server).
    const cpuProbe = createCpuProbe({ gateway, mail, postgresDatabase: database.name });
    // Autovacuum's part, if the server has it off (production servers have it on).
    const autovacuum = await startAutovacuumStandIn({ url: database.url });
    defer(autovacuum.stop);
    const concurrency = CONCURRENCY;
    const baselineCharge = (offset: number) => async (i: number) => {
      const k = offset + i;
      const charged = await httpGateway.createPayment({
        amountCents: amountOf(k),
        currency: "USD",
        source: { storedMethodId: vaulted.ids[k]! },
        reference: `baseline-${k}`,
        description: `BST-${100_000 + k}`,
        idempotencyKey: `${BASELINE_KEY_PREFIX}${k}`,
      });
      if (charged.status !== "approved") throw new Error(`baseline charge ${k}: ${charged.status}`);
    };
    const half = Math.floor(ACCOUNTS / 2);

    // ---- timed -------------------------------------------------------------------------------------
    log(`timed: baseline (${half} charges), the autopay run (${ACCOUNTS}), baseline (${ACCOUNTS - half})`);
    const base1 = await runPool(half, concurrency, baselineCharge(0), cpuProbe);
    log(`  baseline, first half: ${fixed((half * 1000) / base1.wallMs)} charges/s`);

    const loadAtRun = loadAverage();
    const tables0 = await tableStats(db);
    const cpu0 = await cpuProbe();
    const t0Run = performance.now();
    // The job's handler (lib/jobs/worker.ts, "autopay.charge-due"), on the charge day; each
    // charge's time is heard as it ends (onCharged), nothing else is added.
    const latencies: number[] = [];
    let firstChargeAt: number | null = null;
    const { result: run, summary: cpuProfile } = await withCpuProfile(CPU_PROFILE, () =>
      chargeDueAutopay({
        now: getClock().now(),
        ...(concurrency === AUTOPAY_CHARGE_CONCURRENCY ? {} : { concurrency }),
        onCharged: ({ ms: chargeMs }) => {
          const end = performance.now();
          firstChargeAt ??= end - chargeMs;
          latencies.push(chargeMs);
        },
      }),
    );
    const runMs = performance.now() - t0Run;
    const cpu1 = await cpuProbe();
    const tables1 = await tableStats(db);
    // The receipts the approvals made due: the sender in this process writes them in the background.
    const dueAtEnd = await db.payment.count({ where: { receiptEmailDueAt: { not: null } } });
    await receiptSenderIdle();
    const swept = await drainReceiptEmails(); // what the minute's "receipts.send-due" sweep would find
    const mailMs = performance.now() - t0Run - runMs;
    const cpu2 = await cpuProbe();
    const runCpu = cpuDelta(cpu0, cpu1, runMs);
    // In two parts: a PostgreSQL backend that ends (an idle pool connection closing) loses the
    // ticks of the part it ended in, not those of the run.
    const mailCpu = cpuDelta(cpu1, cpu2, mailMs);
    const runAndMailCpu: TCpuDelta = {
      portalMs: runCpu.portalMs + mailCpu.portalMs,
      gatewayMs: runCpu.gatewayMs + mailCpu.gatewayMs,
      mailMs: runCpu.mailMs + mailCpu.mailMs,
      postgresMs: runCpu.postgresMs + mailCpu.postgresMs,
      machineBusyCores: 0,
      wallMs: runMs + mailMs,
    };
    log(
      `  autopay run: ${fixed(runMs / 1000)} s, ${fixed((ACCOUNTS * 1000) / runMs)} charges/s; receipts done ${fixed(mailMs / 1000)} s later`,
    );

    const base2 = await runPool(ACCOUNTS - half, concurrency, baselineCharge(half), cpuProbe);
    log(`  baseline, second half: ${fixed(((ACCOUNTS - half) * 1000) / base2.wallMs)} charges/s`);

    // ---- correctness (not timed) -------------------------------------------------------------------
    const again = await chargeDueAutopay({ now: getClock().now() });
    const [payments] = await db.$queryRaw<
      [{ total: number; captured: number; keys: number; gatewayIds: number; cents: string; idsMd5: string }]
    >`SELECT count(*)::int AS total,
             count(*) FILTER (WHERE status = 'CAPTURED' AND channel = 'AUTOPAY')::int AS captured,
             count(DISTINCT "idempotencyKey")::int AS keys,
             count(DISTINCT "gatewayTransactionId")::int AS "gatewayIds",
             sum("amountCents")::text AS cents,
             md5(string_agg(id, ',' ORDER BY id COLLATE "C")) AS "idsMd5"
        FROM "payment"`;
    const [statements] = await db.$queryRaw<[{ total: number; paid: number; owed: string }]>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE status = 'PAID' AND "balanceCents" = 0)::int AS paid,
             sum("amountDueCents")::text AS owed
        FROM "statement" WHERE id LIKE 'bench_statement_%'`;
    // Each charge row PAID with its own payment: that statement's, for its balance, with the
    // enrolment's method, under the key autopay:<statement>:<amount due>.
    const [charges] = await db.$queryRaw<[{ total: number; exact: number; payments: number }]>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE c.status = 'PAID' AND p.status = 'CAPTURED' AND p."amountCents" = s."amountDueCents"
                                AND c."amountCents" = s."amountDueCents" AND p."paymentMethodId" = e."paymentMethodId"
                                AND p."idempotencyKey" = 'autopay:' || s.id || ':' || s."amountDueCents"
                                AND pa."statementId" = s.id AND pa."amountCents" = s."amountDueCents")::int AS exact,
             count(DISTINCT c."paymentId")::int AS payments
        FROM "autopay_charge" c
        JOIN "statement" s ON s.id = c."statementId"
        JOIN "autopay_enrollment" e ON e.id = c."enrollmentId"
        LEFT JOIN "payment" p ON p.id = c."paymentId"
        LEFT JOIN "payment_allocation" pa ON pa."paymentId" = p.id`;
    const receiptEvents = await db.paymentEvent.count({ where: { type: "receipt.emailed" } });
    // The sender records a batch's events in one statement (one now()): distinct times are its batches.
    const [{ batches: receiptBatches }] = await db.$queryRaw<[{ batches: number }]>`
      SELECT count(DISTINCT "createdAt")::int AS batches FROM "payment_event" WHERE type = 'receipt.emailed'`;
    const outbox = await db.outboxEmail.groupBy({ by: ["status"], _count: true });
    const mailCounts = mail ? await mail.ask<TSmtpCounts>("counts") : null;
    const vacuumed = await autovacuum.stop();
    await stopGateway();
    const audit = gatewayAudit as TGatewayAudit | null;

    // ---- report ------------------------------------------------------------------------------------
    const N = ACCOUNTS;
    const baseLatencies = [...base1.latencies, ...base2.latencies];
    const baseWallMs = base1.wallMs + base2.wallMs;
    const baseCpu: TCpuDelta = {
      portalMs: base1.cpu.portalMs + base2.cpu.portalMs,
      gatewayMs: base1.cpu.gatewayMs + base2.cpu.gatewayMs,
      mailMs: base1.cpu.mailMs + base2.cpu.mailMs,
      postgresMs: base1.cpu.postgresMs + base2.cpu.postgresMs,
      machineBusyCores:
        (base1.cpu.machineBusyCores * base1.wallMs + base2.cpu.machineBusyCores * base2.wallMs) / baseWallMs,
      wallMs: baseWallMs,
    };
    const runStats = stats(latencies);
    const baseStats = stats(baseLatencies);
    const tripStats = stats(roundTrips);
    const runRate = (N * 1000) / runMs;
    const baseRate = (N * 1000) / baseWallMs;
    const perCharge = (v: number) => `${fixed(v / N, 2)} ms`;
    const cpus = os.cpus();
    const planAndFirstClaimMs = firstChargeAt === null ? 0 : firstChargeAt - t0Run;

    log();
    log("## Machine");
    log(`- CPU: ${cpus[0]?.model ?? "unknown"} × ${cpus.length} logical cores`);
    log(`- memory: ${fixed(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()} ${os.arch()}`);
    log(`- Node ${process.version}; ${pgVersion}`);
    log(`- load average at start ${loadAtStart}; when the run began ${loadAtRun}; at end ${loadAverage()}`);
    log(`- started ${startedAt.toISOString()}`);
    log();
    log(
      `## Setup (not timed): ${fixed(setupMs / 1000)} s — vault ${fixed(vaulted.ms / 1000)} s, seed ${fixed(seedMs / 1000)} s, earlier run (plans ${earlier.planned}) ${fixed(planMs / 1000)} s`,
    );
    log();
    log(`## Figures (N = ${N} charges, concurrency ${concurrency}, mail: ${mail ? "SMTP" : "outbox"})`);
    log();
    log("| figure | autopay run (chargeDueAutopay) | baseline (POST /v1/payments) | run ÷ baseline |");
    log("| --- | --- | --- | --- |");
    log(
      `| time for ${N} charges | ${fixed(runMs / 1000)} s | ${fixed(baseWallMs / 1000)} s | ${fixed(runMs / baseWallMs, 2)}× |`,
    );
    log(
      `| charges/s | **${fixed(runRate)}** | ${fixed(baseRate)} | ${fixed(runRate / baseRate, 2)}× (${fixed(baseRate / runRate, 2)}× fewer) |`,
    );
    for (const k of ["p50", "p95", "p99", "mean", "max"] as const) {
      log(
        `| ${k} per charge | ${ms(runStats[k])} | ${ms(baseStats[k])} | ${k === "max" ? "" : `${fixed(runStats[k] / baseStats[k], 2)}×`} |`,
      );
    }
    // A ratio only where the baseline does that work too (it makes no SQL and sends no mail).
    const cpuRow = (label: string, a: number, b: number) =>
      log(
        `| CPU, ${label} | ${perCharge(a)} per charge | ${perCharge(b)} per charge | ${b / N >= 0.05 ? `${fixed(a / b, 2)}×` : ""} |`,
      );
    cpuRow("portal process", runCpu.portalMs, baseCpu.portalMs);
    cpuRow("gateway process", runCpu.gatewayMs, baseCpu.gatewayMs);
    cpuRow("PostgreSQL", runCpu.postgresMs, baseCpu.postgresMs);
    if (mail) cpuRow("SMTP sink", runCpu.mailMs, baseCpu.mailMs);
    log(
      `| cores busy: portal / gateway / machine | ${fixed(runCpu.portalMs / runMs, 2)} / ${fixed(runCpu.gatewayMs / runMs, 2)} / ${fixed(runCpu.machineBusyCores, 2)} of ${cpus.length} | ${fixed(baseCpu.portalMs / baseWallMs, 2)} / ${fixed(baseCpu.gatewayMs / baseWallMs, 2)} / ${fixed(baseCpu.machineBusyCores, 2)} | |`,
    );
    log();
    log(
      `Baseline passes: before the run ${fixed((half * 1000) / base1.wallMs)}/s (p50 ${ms(stats(base1.latencies).p50)}), after it ${fixed(((N - half) * 1000) / base2.wallMs)}/s (p50 ${ms(stats(base2.latencies).p50)}).`,
    );
    log(
      `The run's own gateway round trips (createPayment): p50 ${ms(tripStats.p50)}, p95 ${ms(tripStats.p95)}, p99 ${ms(tripStats.p99)}, ${tripStats.count} calls.`,
    );
    log(
      `Per-charge latency = one chargeAutopay as the run awaits it (onCharged; ${runStats.count} charges). Planning (nothing new) and the first claim: ${ms(planAndFirstClaimMs)}.`,
    );
    log(
      `Receipts: written by the sender in this process in ${receiptBatches} batches (${fixed(receiptEvents / Math.max(1, receiptBatches))} a batch); ${dueAtEnd} still due when the run returned, all written ${fixed(mailMs / 1000, 2)} s later (the minute's sweep found ${swept.claimed}). ` +
        `With them, CPU per charge: portal ${perCharge(runAndMailCpu.portalMs)}, PostgreSQL ${perCharge(runAndMailCpu.postgresMs)}${mail ? `, SMTP sink ${perCharge(runAndMailCpu.mailMs)}` : ""}.`,
    );

    log(
      vacuumed.active
        ? `Autovacuum is off on this server: the stand-in did its part once a minute from the first baseline pass to the checks (${vacuumed.analyzed} ANALYZE, ${vacuumed.vacuumed} VACUUM).`
        : "Autovacuum is on: PostgreSQL kept the statistics itself.",
    );
    log();
    log("PostgreSQL during the run, by table (pg_stat_user_tables, pg_statio_user_tables), per charge:");
    for (const line of tableStatsLines(tables0, tables1, N)) log(line);
    if (cpuProfile) {
      const sampled = cpuProfile.reduce((sum, [, micros]) => sum + micros, 0);
      log();
      log(`CPU profile of this process during the run (${CPU_PROFILE}; the profiler slows the run):`);
      for (const [kind, micros] of cpuProfile) {
        log(`- ${kind}: ${fixed((100 * micros) / sampled)}% (${fixed(micros / 1000 / N, 2)} ms per charge)`);
      }
    }

    // ---- correctness -------------------------------------------------------------------------------
    const checks: [string, boolean][] = [
      [
        `run: planned ${run.planned} new, PAID ${run.PAID}, PENDING ${run.PENDING}, FAILED ${run.FAILED}, OVER_LIMIT ${run.OVER_LIMIT}, NOTHING_OWED ${run.NOTHING_OWED}, SKIPPED ${run.SKIPPED}, errors ${run.errors}`,
        run.PAID === N &&
          run.planned === 0 &&
          run.errors === 0 &&
          run.PENDING + run.FAILED + run.SKIPPED === 0,
      ],
      [
        `payments: ${payments.total} recorded, ${payments.captured} captured by autopay, ${payments.keys} distinct keys, ${payments.gatewayIds} distinct gateway transactions, ${payments.cents} cents`,
        payments.total === N &&
          payments.captured === N &&
          payments.keys === N &&
          payments.gatewayIds === N &&
          payments.cents === statements.owed,
      ],
      [
        `statements: ${statements.paid} of ${statements.total} PAID with balance 0 (${statements.owed} cents owed before)`,
        statements.paid === N && statements.total === N,
      ],
      [
        `charge rows: ${charges.exact} of ${charges.total} PAID exactly (own statement, amount, method, key), ${charges.payments} distinct payments`,
        charges.total === N && charges.exact === N && charges.payments === N,
      ],
      [
        `a second run: planned ${again.planned}, PAID ${again.PAID}, errors ${again.errors}`,
        again.planned === 0 && again.PAID === 0 && again.errors === 0,
      ],
      [
        audit
          ? `gateway: ${audit.portal} portal charges (${audit.portal_approved} approved, ${audit.portal_keys} distinct keys, ${audit.portal_methods} distinct stored methods, ${audit.portal_cents} cents, keys ${audit.portal_keys_md5 === payments.idsMd5 ? "=" : "≠"} the portal's payment ids); ${audit.baseline} baseline charges (${audit.baseline_approved} approved)`
          : "gateway: no audit",
        audit !== null &&
          audit.portal === N &&
          audit.portal_approved === N &&
          audit.portal_keys === N &&
          audit.portal_methods === N &&
          audit.portal_cents === statements.owed &&
          audit.portal_keys_md5 === payments.idsMd5 &&
          audit.baseline === N &&
          audit.baseline_approved === N,
      ],
      [
        `receipts: ${receiptEvents} receipt.emailed events; outbox ${outbox.map((o) => `${o.status} ${o._count}`).join(", ")}` +
          (mailCounts
            ? `; SMTP sink got ${mailCounts.messages} messages for ${mailCounts.recipients} recipients (${mailCounts.repeated} got more than one; ${JSON.stringify(mailCounts.subjects)})`
            : ""),
        receiptEvents === N &&
          (mailCounts
            ? mailCounts.messages === N && mailCounts.recipients === N && mailCounts.repeated === 0
            : true),
      ],
    ];
    const errors = [...base1.errors, ...base2.errors];
    checks.push([
      `baseline errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ""}`,
      errors.length === 0,
    ]);
    log();
    log("## Correctness");
    for (const [line, ok] of checks) log(`- ${ok ? "ok" : "WRONG"}: ${line}`);
    const allOk = checks.every(([, ok]) => ok);
    log(`- ${allOk ? "OK" : "FAILED"}`);
    if (!allOk) process.exitCode = 1;
  });

await main();
