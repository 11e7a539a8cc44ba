// What the benchmarks share: parameters, latency statistics, a bounded pool of operations,
// CPU accounting of this process, its helper processes and PostgreSQL, the helper processes
// themselves (the sandbox gateway, an SMTP sink), a fresh PostgreSQL database, and cleaning up
// on the way out (Ctrl-C included). See bench/README.md.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { assertLocalDatabaseUrl, withDatabaseName } from "@/lib/test/postgres";
import { startBenchChild, type TBenchChild } from "./child-ipc";
import type { TGatewayInfo } from "./gateway-process";
import type { TSmtpSinkInfo } from "./smtp-sink-process";
import { approvedTestCard } from "./test-card";

// ---- parameters and output ---------------------------------------------------------------------

/** `--name=value`, else the environment variable `BENCH_NAME`, else `fallback`: a whole number. */
export const param = (name: string, fallback: number): number => {
  const fromArg = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const raw = fromArg ?? process.env[`BENCH_${name.toUpperCase()}`];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${raw}`);
  return value;
};

/** `--name=value`, else `BENCH_NAME`, else `fallback`: one of `choices`. */
export const choiceParam = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
  const fromArg = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const raw = fromArg ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`--${name} must be one of ${choices.join(", ")}, not ${raw}`);
  }
  return raw as T;
};

export const log = (line = "") => console.log(line);
export const ms = (v: number) => `${v.toFixed(2)} ms`;
export const fixed = (v: number, digits = 1) => v.toFixed(digits);
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => fixed(l, 2))
    .join(" ");

export type TStats = { count: number; p50: number; p95: number; p99: number; mean: number; max: number };

export const stats = (values: number[]): TStats => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: sorted.length ? sum / sorted.length : 0,
    max: sorted.at(-1) ?? 0,
  };
};

// ---- CPU accounting (Linux /proc; zeros elsewhere) ---------------------------------------------

export type TCpuSnapshot = {
  portalMicros: number;
  gatewayMicros: number;
  /** The SMTP sink's, when there is one. */
  mailMicros: number;
  /** pid → CPU ticks of each PostgreSQL process. */
  postgresTicks: Map<number, number>;
  /** Machine-wide busy and total ticks (/proc/stat "cpu"). */
  busyTicks: number;
  totalTicks: number;
};
export type TCpuDelta = {
  portalMs: number;
  gatewayMs: number;
  mailMs: number;
  postgresMs: number;
  machineBusyCores: number;
  wallMs: number;
};

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU ticks of PostgreSQL's processes; with `database`, only those working for it: its backends
 * (whose process title names the database) and the server's own background processes (WAL
 * writer, checkpointer, …, which name none), not the backends of other databases.
 */
export const readPostgresTicks = async (database?: string): Promise<Map<number, number>> => {
  const ticks = new Map<number, number>();
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((p) => /^\d+$/.test(p));
  } catch {
    return ticks;
  }
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        if (!comm.startsWith("postgres")) return;
        if (database) {
          // "postgres: [cluster: ]<user> <database> <client>(<port>) <state>" for a backend,
          // "… autovacuum worker <database>", "… walwriter" and so on for the server's own.
          const title = (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ").trim();
          const isPerDatabase = /\S\(\d+\)|\[local\]|autovacuum worker/.test(title);
          if (isPerDatabase && !title.split(" ").includes(database)) return;
        }
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // After "pid (comm) ": state is field 0; utime and stime are fields 11 and 12.
        ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]));
      } catch {
        // the process ended meanwhile
      }
    }),
  );
  return ticks;
};

const readMachineTicks = async (): Promise<{ busy: number; total: number }> => {
  try {
    const line = (await readFile("/proc/stat", "utf8")).split("\n")[0] ?? "";
    const [, ...nums] = line.trim().split(/\s+/);
    const v = nums.map(Number);
    const total = v.reduce((s, x) => s + x, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
};

/** A probe of CPU time so far: this process, its helper processes (asked over IPC), PostgreSQL, the machine. */
export const createCpuProbe =
  ({
    gateway,
    mail,
    postgresDatabase,
  }: {
    gateway: TBenchChild<unknown>;
    mail?: TBenchChild<unknown> | null;
    /** Count only this database's PostgreSQL backends (and the server's background processes). */
    postgresDatabase?: string;
  }) =>
  async (): Promise<TCpuSnapshot> => {
    const [gatewayMicros, mailMicros, postgresTicks, machine] = await Promise.all([
      gateway.cpuMicros(),
      mail ? mail.cpuMicros() : 0,
      readPostgresTicks(postgresDatabase),
      readMachineTicks(),
    ]);
    const { user, system } = process.cpuUsage();
    return {
      portalMicros: user + system,
      gatewayMicros,
      mailMicros,
      postgresTicks,
      busyTicks: machine.busy,
      totalTicks: machine.total,
    };
  };

export const cpuDelta = (a: TCpuSnapshot, b: TCpuSnapshot, wallMs: number): TCpuDelta => {
  let pgTicks = 0;
  // A backend that ended between the snapshots is lost (an undercount, never a negative).
  for (const [pid, t] of b.postgresTicks) pgTicks += t - (a.postgresTicks.get(pid) ?? 0);
  const totalTicks = b.totalTicks - a.totalTicks;
  return {
    portalMs: (b.portalMicros - a.portalMicros) / 1000,
    gatewayMs: (b.gatewayMicros - a.gatewayMicros) / 1000,
    mailMs: (b.mailMicros - a.mailMicros) / 1000,
    postgresMs: (pgTicks * 1000) / CLOCK_TICKS,
    machineBusyCores: totalTicks > 0 ? ((b.busyTicks - a.busyTicks) / totalTicks) * os.cpus().length : 0,
    wallMs,
  };
};

// ---- a bounded pool of timed operations --------------------------------------------------------

export type TRun = { latencies: number[]; wallMs: number; errors: string[]; cpu: TCpuDelta };

/** Runs `count` operations, `concurrency` at a time, timing each one and the whole. */
export const runPool = async (
  count: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
  cpuProbe: () => Promise<TCpuSnapshot>,
): Promise<TRun> => {
  const latencies = new Array<number>(count);
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      try {
        await op(i);
      } catch (error) {
        errors.push(`#${i}: ${(error as Error).message}`);
      }
      latencies[i] = performance.now() - t0;
    }
  };
  const before = await cpuProbe();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - t0;
  const after = await cpuProbe();
  return { latencies, wallMs, errors, cpu: cpuDelta(before, after, wallMs) };
};

// ---- an optional CPU profile of the timed part -------------------------------------------------

type TProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};
type TCpuProfile = { nodes: TProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Where the sampled time went, by coarse kind of work (a frame anywhere on the stack decides the first two). */
export const summarizeProfile = (profile: TCpuProfile): [string, number][] => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const kindOf = (leafId: number): string => {
    const leaf = byId.get(leafId)!.callFrame;
    if (leaf.functionName === "(idle)") return "idle (waiting for I/O)";
    if (leaf.functionName === "(garbage collector)") return "garbage collector";
    for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
      const { url, functionName } = byId.get(id)!.callFrame;
      if (url.includes("query_compiler")) return "Prisma query compiler (WASM, per query)";
      if (url.includes("/zod/")) return "zod";
      if (functionName === "writev" || functionName === "writeBuffer" || url.includes("stream_base_commons"))
        return "socket I/O (node:net)";
      if (url.includes("/nodemailer/")) return "SMTP client (nodemailer)";
    }
    const { url } = leaf;
    if (url.includes("@prisma/client")) return "Prisma client runtime (JS: query interpreter, results)";
    if (/node_modules\/(pg|pg-protocol|pg-pool|@prisma\/adapter-pg)\//.test(url))
      return "pg driver and Prisma adapter";
    if (url.includes("undici") || url.includes("webstreams") || url.includes("/lib/gateway/"))
      return "gateway HTTP client (fetch)";
    if (url.startsWith("file://") && !url.includes("node_modules")) return "portal code (lib/)";
    return "other (Node internals, microtasks, …)";
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const kind = kindOf(id);
    totals.set(kind, (totals.get(kind) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
};

/** Runs `fn` under V8's sampling profiler when `file` is given: writes the profile there and summarises it. */
export const withCpuProfile = async <T>(file: string | undefined, fn: () => Promise<T>) => {
  if (!file) return { result: await fn(), summary: null };
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    const result = await fn();
    const { profile } = await session.post("Profiler.stop");
    await writeFile(file, JSON.stringify(profile));
    return { result, summary: summarizeProfile(profile as TCpuProfile) };
  } finally {
    session.disconnect();
  }
};

// ---- helper processes --------------------------------------------------------------------------

export const GATEWAY_API_KEY = "sk_sandbox_portal";

export type TGatewayChild = TBenchChild<TGatewayInfo> & { url: string };

/**
 * The real sandbox gateway in its own process (bench/gateway-process.ts): loopback, port 0,
 * latency 0, no webhooks, no settlement. `vaultCards`: approved cards put in its vault first.
 */
export const startGateway = async ({
  vaultCards = 0,
  apiKey,
}: {
  vaultCards?: number;
  /** A secret API key instead of the sandbox's published one (a production portal refuses that). */
  apiKey?: string;
} = {}) => {
  const child = await startBenchChild<TGatewayInfo>("gateway-process.ts", {
    ...(vaultCards > 0 ? { BENCH_GATEWAY_VAULT_CARDS: String(vaultCards) } : {}),
    ...(apiKey ? { BENCH_GATEWAY_API_KEY: apiKey } : {}),
  });
  return Object.assign(child, { url: child.info.url }) satisfies TGatewayChild;
};

/** A counting SMTP server in its own process (bench/smtp-sink-process.ts); `url` is for SMTP_URL. */
export const startSmtpSink = async () => {
  const child = await startBenchChild<TSmtpSinkInfo>("smtp-sink-process.ts");
  return Object.assign(child, { url: `smtp://127.0.0.1:${child.info.port}` });
};

// ---- PostgreSQL --------------------------------------------------------------------------------

/** The server benchmarks create their databases on: TEST_DATABASE_URL, else the local default; loopback only. */
export const benchAdminUrl = () =>
  assertLocalDatabaseUrl(
    process.env.TEST_DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres",
  );

export const adminQuery = async (sql: string) => {
  const client = new pg.Client({ connectionString: benchAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A new empty database `<prefix>_<random>` (`portal_bench_<random>` by default); `drop` removes it. */
export const createBenchDatabase = async ({ prefix = "portal_bench" }: { prefix?: string } = {}) => {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabaseName(benchAdminUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
};

/**
 * Autovacuum's work on one database, done by hand, for a server that has autovacuum off (as a
 * test server may; production servers have it on, the default). Every `intervalMs` (autovacuum's
 * default naptime, a minute) it ANALYZEs each table changed by more than autovacuum's default
 * thresholds since its last analyze (50 rows + 10%), and VACUUMs each with more dead rows than
 * 50 + 20%, or more inserts since its last vacuum than 1,000 + 20%. Its backend is one of the
 * database's, so its CPU counts as PostgreSQL's. With autovacuum on it does nothing.
 */
export const startAutovacuumStandIn = async ({
  url,
  intervalMs = 60_000,
}: {
  url: string;
  intervalMs?: number;
}) => {
  const client = new pg.Client({ connectionString: url, application_name: "bench-autovacuum" });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>("SHOW autovacuum");
  const done = { active: rows[0]?.autovacuum !== "on", analyzed: 0, vacuumed: 0 };
  if (!done.active) {
    await client.end();
    return { done, stop: async () => done };
  }
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    const { rows: tables } = await client.query<{ table: string; analyze: boolean; vacuum: boolean }>(
      `SELECT s.relname::text AS "table",
              s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS analyze,
              s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
                OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) AS vacuum
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid`,
    );
    for (const t of tables) {
      const name = `"${t.table.replaceAll('"', '""')}"`;
      if (t.vacuum) {
        await client.query(`VACUUM ${t.analyze ? "(ANALYZE) " : ""}${name}`);
        done.vacuumed += 1;
        if (t.analyze) done.analyzed += 1;
      } else if (t.analyze) {
        await client.query(`ANALYZE ${name}`);
        done.analyzed += 1;
      }
    }
  };
  const timer = setInterval(() => {
    running = running.then(pass).catch((e: unknown) => console.error("autovacuum stand-in:", e));
  }, intervalMs);
  let stopped: Promise<typeof done> | null = null;
  return {
    done,
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await running;
        await client.end();
        return done;
      })()),
  };
};

// ---- cleaning up -------------------------------------------------------------------------------

/**
 * Runs `main` with a list of clean-ups (`defer`) that run in reverse order at the end, on an
 * error, and on Ctrl-C/SIGTERM (then the process exits 130).
 */
export const withCleanup = async (main: (defer: (fn: () => Promise<unknown>) => void) => Promise<void>) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => console.error("cleanup:", e));
    cleanups.length = 0;
  };
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`\n${signal}: cleaning up`);
      void cleanup().then(() => process.exit(130));
    });
  }
  try {
    await main((fn) => cleanups.push(fn));
  } finally {
    if (!interrupted) await cleanup();
  }
};

/** A single-use card token, as the hosted fields page gets one (approved test card). */
export const newCardToken = async (gatewayUrl: string): Promise<string> => {
  const response = await fetch(new URL("/hosted/tokens", gatewayUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      key: "pk_sandbox_portal",
      origin: "http://localhost:3000",
      kind: "card",
      ...approvedTestCard(new Date()),
    }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token)
    throw new Error(`tokenize failed: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
};
