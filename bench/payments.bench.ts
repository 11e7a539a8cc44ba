// Payments end to end, against one INSERT as the baseline, in the same run (bench/README.md).
//
//   npm run bench                      # = node --import ./scripts/server-only.mjs --import tsx bench/payments.bench.ts
//   npm run bench -- --payments=500 --concurrency=20 --warmup=100
//
// What it does: starts the real sandbox gateway as a child process (bench/gateway-process.ts:
// loopback, port 0, temporary PGlite directory, no added latency, no webhooks), creates a
// fresh `portal_bench_<random>` database on the local PostgreSQL server, migrates it with
// lib/db/migrate.ts and seeds patients whose statements have large balances. Then, with the
// same concurrency and the same Prisma Client (lib/db openDatabase, the app's own pool):
//   - payments: the portal's use case `payBill` (lib/payments/pay-bill.ts), after the zod parse
//     that `payBillAction` does, with the real HTTP gateway client (createHttpGateway) against
//     the sandbox gateway, on PostgreSQL. Each payment spends a fresh single-use card token,
//     made before the timed section (in the browser that is the hosted fields' work, not the portal's);
//   - baseline: one INSERT per operation (`recordAudit`, one audit_log row through Prisma).
// It checks the outcome (every payment recorded once and captured, every balance down by
// exactly its payments), prints the figures and drops the database. Loopback traffic only.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { recordAudit } from "@/lib/audit/record";
import { openDatabase, setDbForTests } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createHttpGateway } from "@/lib/gateway/client";
import type { TGateway } from "@/lib/gateway/interface";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { ZPayBillInput } from "@/lib/payments/schemas";
import { drainReceiptEmails, receiptSenderIdle } from "@/lib/receipts/receipt-email-queue";
import type { TRequestContext } from "@/lib/request-context";
import {
  createBenchDatabase,
  createCpuProbe,
  fixed,
  GATEWAY_API_KEY,
  log,
  newCardToken,
  ms,
  param,
  runPool,
  startGateway,
  stats,
  withCleanup,
  withCpuProfile,
  type TCpuDelta,
  type TStats,
} from "./support";

// ---- parameters ------------------------------------------------------------------------------

const PAYMENTS = param("payments", 2000);
const CONCURRENCY = Math.max(1, param("concurrency", 20));
const WARMUP = param("warmup", 200);
/** Payer accounts (one statement each); payments go round-robin, so concurrent ones rarely share a row. */
const ACCOUNTS = Math.max(1, param("accounts", 500));
/** Serial payments and inserts, after the timed runs, that count the SQL statements of each. */
const PROFILE = param("profile", 100);
/** --cpuprofile=file: V8 CPU profile of this process during the timed payments only (slows them). */
const CPU_PROFILE = process.argv.find((a) => a.startsWith("--cpuprofile="))?.slice("--cpuprofile=".length);
const START_BALANCE_CENTS = 100_000_000; // $1,000,000.00 per statement
const CONTEXT: TRequestContext = { ip: "203.0.113.7", userAgent: "portal-bench" };

// ---- card tokens and a timed gateway client --------------------------------------------------

/** The gateway client with each charge's HTTP round trip timed into `slot` (and its start and end). */
const timedGateway = (inner: TGateway, slot: TGatewaySlot): TGateway => ({
  ...inner,
  createPayment: async (args) => {
    const t0 = performance.now();
    slot.onEdge?.("start");
    try {
      return await inner.createPayment(args);
    } finally {
      slot.gatewayMs += performance.now() - t0;
      slot.onEdge?.("end");
    }
  },
});

type TGatewaySlot = { gatewayMs: number; onEdge?: (edge: "start" | "end") => void };

// ---- the database ------------------------------------------------------------------------------

type TSeeded = { payers: { payer: TPayer; statementId: string }[] };

/** One practice; per account a verified patient login (email receipts on, the default) and one statement. */
const seed = async (db: PrismaClient): Promise<TSeeded> => {
  const practiceId = "bench_practice";
  await db.practice.create({
    data: {
      id: practiceId,
      name: "Bench Family Medicine",
      clientId: "BENCH01",
      timeZone: "America/New_York",
    },
  });
  const now = new Date();
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({
    userId: `bench_user_${i}`,
    accountId: `bench_account_${i}`,
    statementId: `bench_statement_${i}`,
    email: `bench-patient-${i}@example.com`,
  }));
  await db.user.createMany({
    data: rows.map((r, i) => ({
      id: r.userId,
      email: r.email,
      role: "PATIENT" as const,
      firstName: "Bench",
      lastName: `Patient${i}`,
      emailVerifiedAt: now,
    })),
  });
  await db.account.createMany({
    data: rows.map((r, i) => ({
      id: r.accountId,
      practiceId,
      accountNumber: `B-${100_000 + i}`,
      guarantorFirstName: "Bench",
      guarantorLastName: `Patient${i}`,
      email: r.email,
    })),
  });
  await db.accountLink.createMany({ data: rows.map((r) => ({ userId: r.userId, accountId: r.accountId })) });
  await db.statement.createMany({
    data: rows.map((r, i) => ({
      id: r.statementId,
      accountId: r.accountId,
      statementNumber: `BST-${100_000 + i}`,
      statementDate: new Date(now.getTime() - 20 * 86_400_000),
      dueDate: new Date(now.getTime() + 10 * 86_400_000),
      amountDueCents: START_BALANCE_CENTS,
      balanceCents: START_BALANCE_CENTS,
      totalChargesCents: START_BALANCE_CENTS,
      patientFirstName: "Bench",
      patientLastName: `Patient${i}`,
      patientDob: new Date("1980-01-01T00:00:00Z"),
      providerName: "Bench Family Medicine",
    })),
  });
  return {
    payers: rows.map((r) => ({
      payer: { kind: "patient", userId: r.userId, email: r.email },
      statementId: r.statementId,
    })),
  };
};

// ---- main ------------------------------------------------------------------------------------

type TJob = {
  payer: TPayer;
  statementId: string;
  amountCents: number;
  context: TRequestContext;
  raw: Record<string, unknown>;
};

/** Each payer pays from a client address of its own (RFC 2544's benchmarking range), as patients do. */
const contextOf = (payerIndex: number): TRequestContext => ({
  ip: `198.18.${Math.floor(payerIndex / 256)}.${payerIndex % 256}`,
  userAgent: "portal-bench",
});

const main = () =>
  withCleanup(async (defer) => {
    const startedAt = new Date();
    const loadAtStart = os.loadavg();

    // The gateway, a separate process.
    const gateway = await startGateway();
    defer(() => gateway.stop());
    log(`gateway: ${gateway.url} (child process, latency 0, no webhooks)`);

    // A fresh database, migrated by lib/db/migrate.ts (through openDatabase) and seeded.
    const database = await createBenchDatabase();
    defer(database.drop);
    const dbUrl = database.url;
    const { db, close } = await openDatabase({ kind: "postgres", url: dbUrl }, { migrate: true });
    defer(close);
    setDbForTests(db);
    const [{ version: pgVersion }] = await db.$queryRaw<[{ version: string }]>`SELECT version()`;
    const { payers } = await seed(db);
    log(
      `database: ${database.name} (${ACCOUNTS} accounts, one statement each, balance ${START_BALANCE_CENTS} cents)`,
    );

    const cpuProbe = createCpuProbe({ gateway });

    // Jobs and their tokens, before any timing.
    const total = WARMUP + PAYMENTS + PROFILE;
    const tokens: string[] = new Array<string>(total);
    let made = 0;
    const t0Tokens = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = made++; i < total; i = made++) tokens[i] = await newCardToken(gateway.url);
      }),
    );
    log(
      `tokens: ${total} single-use card tokens in ${fixed((performance.now() - t0Tokens) / 1000)} s (not timed)`,
    );
    const jobs: TJob[] = tokens.map((token, i) => {
      const p = payers[i % payers.length]!;
      const amountCents = 100 + ((i * 7919) % 49_900); // $1.00 … $499.99
      return {
        ...p,
        amountCents,
        context: contextOf(i % payers.length),
        // What the pay form posts: amounts as typed, the token, the key made when the form appeared.
        raw: {
          allocations: [{ statementId: p.statementId, amount: (amountCents / 100).toFixed(2) }],
          token,
          methodKind: "CARD",
          idempotencyKey: randomUUID(),
        },
      };
    });

    const httpGateway = createHttpGateway({ baseUrl: gateway.url, apiKey: GATEWAY_API_KEY });
    const gatewayMsOf = new Array<number>(total).fill(0);
    const statusOf = new Array<string>(total);
    const pay = async (jobIndex: number, onEdge?: TGatewaySlot["onEdge"]) => {
      const job = jobs[jobIndex]!;
      const slot: TGatewaySlot = { gatewayMs: 0, onEdge };
      const input = ZPayBillInput.parse(job.raw);
      const result = await payBill({
        payer: job.payer,
        input,
        context: job.context,
        gateway: timedGateway(httpGateway, slot),
      });
      gatewayMsOf[jobIndex] = slot.gatewayMs;
      statusOf[jobIndex] = result.status;
      if (result.status !== "CAPTURED") throw new Error(`status ${result.status}`);
    };
    let inserts = 0;
    const insert = async () => {
      await recordAudit({
        actor: { kind: "system" },
        action: "bench.baseline",
        target: { type: "Bench", id: String(inserts++) },
        context: CONTEXT,
        metadata: { amountCents: 12_540, statements: ["bench"] },
      });
    };

    // Warm-up: both paths, same concurrency (JIT, Prisma's query plans, the pool's connections).
    if (WARMUP > 0) {
      await runPool(WARMUP, CONCURRENCY, (i) => pay(i), cpuProbe);
      await runPool(WARMUP, CONCURRENCY, insert, cpuProbe);
      log(`warm-up: ${WARMUP} payments and ${WARMUP} inserts`);
    }

    // Timed: baseline, payments, baseline again (to see drift), the same concurrency and client.
    log(`timed: ${PAYMENTS} operations each, concurrency ${CONCURRENCY}`);
    const base1 = await runPool(PAYMENTS, CONCURRENCY, insert, cpuProbe);
    const { result: payRun, summary: cpuProfile } = await withCpuProfile(CPU_PROFILE, () =>
      runPool(PAYMENTS, CONCURRENCY, (i) => pay(WARMUP + i), cpuProbe),
    );
    // Receipt emails are written by the background sender (receipt-email-queue.ts), which ran
    // during the pass in this process (its CPU is in the pass's figures); what it had not yet
    // sent when the last payment answered, and how long it took to finish:
    const receiptsDueAtEnd = await db.payment.count({ where: { receiptEmailDueAt: { not: null } } });
    const t0Drain = performance.now();
    await receiptSenderIdle();
    await drainReceiptEmails();
    const receiptDrainMs = performance.now() - t0Drain;
    const base2 = await runPool(PAYMENTS, CONCURRENCY, insert, cpuProbe);

    // Profile: serial, with a second client that logs each SQL statement (not part of the timed figures).
    type TPhase = { ms: number; statements: number; dbMs: number };
    let profile: {
      pay: TStats;
      insert: TStats;
      statementsPerInsert: number;
      /** Means per payment: before the charge, the charge itself, after it. */
      before: TPhase;
      charge: TPhase;
      after: TPhase;
      /** The SQL of one payment, by verb and table. */
      shape: string;
    } | null = null;
    if (PROFILE > 1) {
      const counted = new PrismaClient({
        adapter: new PrismaPg({ connectionString: dbUrl, max: 10 }),
        log: [{ emit: "event", level: "query" }],
      });
      defer(() => counted.$disconnect());
      const tally = { statements: 0, dbMs: 0 };
      let captured: string[] | null = null;
      counted.$on("query", (e) => {
        tally.statements += 1;
        tally.dbMs += e.duration;
        captured?.push(e.query);
      });
      setDbForTests(counted);
      const first = WARMUP + PAYMENTS;
      captured = [];
      await pay(first); // also connects the pool
      const shapeOf = (sqls: string[]) => {
        const counts = new Map<string, number>();
        for (const sql of sqls) {
          const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
          const table = /(?:FROM|INTO|UPDATE)\s+(?:"public"\.)?"(\w+)"/i.exec(sql)?.[1];
          const key = table ? `${verb} ${table}` : verb;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return [...counts].map(([k, n]) => `${k} ×${n}`).join(", ");
      };
      const shape = shapeOf(captured);
      captured = null;

      const zero = (): TPhase => ({ ms: 0, statements: 0, dbMs: 0 });
      const sum = { before: zero(), charge: zero(), after: zero() };
      const payLatencies: number[] = [];
      for (let i = first + 1; i < first + PROFILE; i++) {
        const mark = () => ({ t: performance.now(), ...tally });
        const edges: Record<"start" | "end", ReturnType<typeof mark> | null> = { start: null, end: null };
        const a = mark();
        await pay(i, (edge) => (edges[edge] = mark()));
        const b = mark();
        const [s, e] = [edges.start ?? b, edges.end ?? b];
        const add = (phase: TPhase, from: ReturnType<typeof mark>, to: ReturnType<typeof mark>) => {
          phase.ms += to.t - from.t;
          phase.statements += to.statements - from.statements;
          phase.dbMs += to.dbMs - from.dbMs;
        };
        add(sum.before, a, s);
        add(sum.charge, s, e);
        add(sum.after, e, b);
        payLatencies.push(b.t - a.t);
      }
      await insert();
      const insT0 = { ...tally };
      const insRunSerial = await runPool(PROFILE, 1, insert, cpuProbe);
      const insT1 = { ...tally };
      setDbForTests(db);
      const n = PROFILE - 1;
      const mean = (p: TPhase): TPhase => ({ ms: p.ms / n, statements: p.statements / n, dbMs: p.dbMs / n });
      profile = {
        pay: stats(payLatencies),
        insert: stats(insRunSerial.latencies),
        statementsPerInsert: (insT1.statements - insT0.statements) / PROFILE,
        before: mean(sum.before),
        charge: mean(sum.charge),
        after: mean(sum.after),
        shape,
      };
    }

    // Correctness: every payment recorded once and captured; every balance down by exactly its payments.
    const attempted = total;
    const payments = await db.payment.findMany({ select: { status: true, gatewayTransactionId: true } });
    const captured = payments.filter((p) => p.status === "CAPTURED").length;
    const distinctGatewayIds = new Set(payments.map((p) => p.gatewayTransactionId).filter(Boolean)).size;
    const submittedAudits = await db.auditLog.count({ where: { action: "payment.submitted" } });
    const receipts = await db.outboxEmail.count();
    const expected = new Map<string, number>();
    jobs.forEach((j, i) => {
      if (statusOf[i] === "CAPTURED")
        expected.set(j.statementId, (expected.get(j.statementId) ?? 0) + j.amountCents);
    });
    const statements = await db.statement.findMany({ select: { id: true, balanceCents: true } });
    const allocated = await db.paymentAllocation.groupBy({
      by: ["statementId"],
      where: { payment: { status: "CAPTURED" } },
      _sum: { amountCents: true },
    });
    const allocatedOf = new Map(allocated.map((a) => [a.statementId, a._sum.amountCents ?? 0]));
    const wrongBalances = statements.filter((s) => {
      const taken = START_BALANCE_CENTS - s.balanceCents;
      return taken !== (expected.get(s.id) ?? 0) || taken !== (allocatedOf.get(s.id) ?? 0);
    });
    const totalTaken = statements.reduce((s, st) => s + (START_BALANCE_CENTS - st.balanceCents), 0);
    const totalExpected = [...expected.values()].reduce((s, v) => s + v, 0);
    const correct =
      payments.length === attempted &&
      captured === attempted &&
      distinctGatewayIds === attempted &&
      submittedAudits === attempted &&
      wrongBalances.length === 0 &&
      totalTaken === totalExpected;

    // ---- report ----------------------------------------------------------------------------------
    const payStats = stats(payRun.latencies);
    const timedGatewayMs = gatewayMsOf.slice(WARMUP, WARMUP + PAYMENTS);
    const gwStats = stats(timedGatewayMs);
    const overheadStats = stats(payRun.latencies.map((l, i) => l - (timedGatewayMs[i] ?? 0)));
    const baseLatencies = [...base1.latencies, ...base2.latencies];
    const baseStats = stats(baseLatencies);
    const paysPerSec = (PAYMENTS * 1000) / payRun.wallMs;
    const basePerSec = (2 * PAYMENTS * 1000) / (base1.wallMs + base2.wallMs);
    const cpus = os.cpus();
    const perOp = (cpu: TCpuDelta, n: number) =>
      `portal ${fixed(cpu.portalMs / n, 2)} ms, gateway ${fixed(cpu.gatewayMs / n, 2)} ms, PostgreSQL ${fixed(cpu.postgresMs / n, 2)} ms; ` +
      `portal process busy ${fixed(cpu.portalMs / cpu.wallMs, 2)} cores, machine busy ${fixed(cpu.machineBusyCores, 2)} of ${cpus.length} cores`;

    log();
    log("## Machine");
    log(`- CPU: ${cpus[0]?.model ?? "unknown"} × ${cpus.length} logical cores`);
    log(`- memory: ${fixed(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()} ${os.arch()}`);
    log(`- Node ${process.version}; ${pgVersion}`);
    log(
      `- load average at start ${loadAtStart.map((l) => fixed(l, 2)).join(" ")}, at end ${os
        .loadavg()
        .map((l) => fixed(l, 2))
        .join(" ")}`,
    );
    log(`- started ${startedAt.toISOString()}`);
    log();
    log(`## Figures (N = ${PAYMENTS}, concurrency ${CONCURRENCY}, warm-up ${WARMUP}, ${ACCOUNTS} accounts)`);
    log();
    log("| figure | payment (payBill end to end) | baseline (one INSERT) | ratio payment / baseline |");
    log("| --- | --- | --- | --- |");
    log(
      `| throughput | ${fixed(paysPerSec)} payments/s | ${fixed(basePerSec)} inserts/s | ${fixed(basePerSec / paysPerSec, 2)}× fewer per second |`,
    );
    for (const k of ["p50", "p95", "p99", "mean"] as const) {
      log(
        `| ${k} latency | ${ms(payStats[k])} | ${ms(baseStats[k])} | ${fixed(payStats[k] / baseStats[k], 2)}× |`,
      );
    }
    log(`| max latency | ${ms(payStats.max)} | ${ms(baseStats.max)} | |`);
    log();
    log(
      `Baseline passes: before ${fixed((PAYMENTS * 1000) / base1.wallMs)}/s p50 ${ms(stats(base1.latencies).p50)}, after ${fixed((PAYMENTS * 1000) / base2.wallMs)}/s p50 ${ms(stats(base2.latencies).p50)}.`,
    );
    log();
    log(
      "Portal overhead per payment = payment latency − the gateway charge's HTTP round trip (measured per payment):",
    );
    log();
    log("| figure | gateway round trip | portal overhead | baseline (one INSERT) | overhead / baseline |");
    log("| --- | --- | --- | --- | --- |");
    for (const k of ["p50", "p95", "p99", "mean"] as const) {
      log(
        `| ${k} | ${ms(gwStats[k])} | ${ms(overheadStats[k])} | ${ms(baseStats[k])} | ${fixed(overheadStats[k] / baseStats[k], 2)}× |`,
      );
    }
    log();
    log("CPU time per operation during the timed runs:");
    log(`- payment: ${perOp(payRun.cpu, PAYMENTS)}`);
    log(`- insert:  ${perOp(base1.cpu, PAYMENTS)} (first pass)`);
    if (cpuProfile) {
      const sampled = cpuProfile.reduce((sum, [, micros]) => sum + micros, 0);
      log();
      log(
        `CPU profile of this process during the timed payments (${CPU_PROFILE}; the profiler slows this run):`,
      );
      for (const [kind, micros] of cpuProfile) {
        log(
          `- ${kind}: ${fixed((100 * micros) / sampled)}% (${fixed(micros / 1000 / PAYMENTS, 2)} ms per payment)`,
        );
      }
    }
    if (profile) {
      const { before, charge, after } = profile;
      const phase = (p: TPhase) =>
        `${ms(p.ms)}, ${fixed(p.statements)} SQL statements (${ms(p.dbMs)} by Prisma's per-statement durations)`;
      log();
      log(
        `Serial profile (concurrency 1, ${PROFILE - 1} payments, then ${PROFILE} inserts; a second Prisma Client that logs each statement):`,
      );
      log(
        `- payment: p50 ${ms(profile.pay.p50)}, p99 ${ms(profile.pay.p99)}, mean ${ms(profile.pay.mean)}; ` +
          `${fixed(before.statements + charge.statements + after.statements)} SQL statements`,
      );
      log(
        `  - before the charge (the payable statements, then the intent: PENDING payment, allocations, event, audit row, balance holds): ${phase(before)}`,
      );
      log(
        `  - the gateway charge (HTTP; statements counted here are the background receipt sender's): ${phase(charge)}`,
      );
      log(
        `  - after the charge (applyGatewayOutcome: the approval; the receipt sender runs in the background): ${phase(after)}`,
      );
      log(`  - one payment's SQL: ${profile.shape}`);
      log(
        `- insert: p50 ${ms(profile.insert.p50)}, p99 ${ms(profile.insert.p99)}, mean ${ms(profile.insert.mean)}; ${fixed(profile.statementsPerInsert)} SQL statement`,
      );
    }
    log();
    log("## Targets");
    const overheadRatio = overheadStats.p50 / baseStats.p50;
    log(
      `- ≥ 100 payments/s on this machine: ${fixed(paysPerSec)}/s → ${paysPerSec >= 100 ? "met" : "NOT met"}`,
    );
    log(
      `- portal overhead ≤ 3× baseline (p50): ${fixed(overheadRatio, 2)}× → ${overheadRatio <= 3 ? "met" : "NOT met"}`,
    );
    log();
    log("## Correctness");
    log(
      `- payments attempted ${attempted} (warm-up ${WARMUP} + timed ${PAYMENTS} + profile ${PROFILE}); recorded ${payments.length}; captured ${captured}; distinct gateway transactions ${distinctGatewayIds}`,
    );
    log(`- "payment.submitted" audit rows ${submittedAudits}; receipt emails in the outbox ${receipts}`);
    log(
      `- receipt emails still due when the last timed payment answered: ${receiptsDueAtEnd}; all sent ${ms(receiptDrainMs)} later`,
    );
    log(
      `- balances: ${statements.length - wrongBalances.length} of ${statements.length} statements down by exactly their captured payments; total taken ${totalTaken} cents = sum of payments ${totalExpected} cents`,
    );
    const allErrors = [...payRun.errors, ...base1.errors, ...base2.errors];
    log(
      `- errors during the timed runs: ${allErrors.length}${allErrors.length ? ` (first: ${allErrors[0]})` : ""}`,
    );
    log(`- ${correct && allErrors.length === 0 ? "OK" : "FAILED"}`);
    if (!correct || allErrors.length > 0) process.exitCode = 1;
  });

await main();
