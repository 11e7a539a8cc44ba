import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";
import { getGateway, type TGateway } from "@/lib/gateway";
import { isWorkerRunning } from "@/lib/readiness/worker-state";
import { log } from "@/lib/log";

export const READINESS_CHECKS = ["migrations", "database", "gateway", "worker"] as const;
export type TReadinessCheck = (typeof READINESS_CHECKS)[number];

export type TReadiness = {
  isReady: boolean;
  /** Each check's name and `ok` or `failing`; never why (no host, URL or error text). */
  checks: Record<TReadinessCheck, "ok" | "failing">;
  /** The failing checks' names, in READINESS_CHECKS order. */
  failing: TReadinessCheck[];
};

/** Each check gives up after this long: a load balancer's probe must not wait on a hung database. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;
/** One result answers every probe for this long, so /api/ready is no lever on the database or the gateway. */
export const READINESS_CACHE_MS = 1_500;

export type TReadinessDeps = {
  db: () => Promise<Pick<PrismaClient, "$queryRaw">>;
  gateway: () => Pick<TGateway, "ping">;
  /** The migrations this code has (prisma/migrations), read once per process by default. */
  migrationNames: () => Promise<string[]>;
  /** Whether this process should work the job queue (unless JOBS_WORKER=off). */
  isWorkerExpected: () => boolean;
  isWorkerRunning: () => boolean;
  timeoutMs: number;
};

let migrationNamesOnce: Promise<string[]> | undefined;

const defaultDeps = (): TReadinessDeps => ({
  db: getDb,
  gateway: getGateway,
  migrationNames: () => {
    if (!migrationNamesOnce) {
      migrationNamesOnce = readMigrations().then((ms) => ms.map((m) => m.name));
      // A failed read is tried again on the next probe.
      migrationNamesOnce.catch(() => (migrationNamesOnce = undefined));
    }
    return migrationNamesOnce;
  },
  isWorkerExpected: () => process.env.JOBS_WORKER !== "off",
  isWorkerRunning,
  timeoutMs: READINESS_CHECK_TIMEOUT_MS,
});

/** `work`, or an error after `ms`; the timer never holds the process open. */
const within = async <T>(ms: number, work: () => Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const checksOf = (deps: TReadinessDeps): Record<TReadinessCheck, () => Promise<void>> => ({
  migrations: async () => {
    const db = await deps.db();
    const [expected, applied] = await Promise.all([
      deps.migrationNames(),
      db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    ]);
    const done = new Set(applied.map((r) => r.migration_name));
    const missing = expected.filter((name) => !done.has(name));
    if (missing.length > 0) throw new Error(`${missing.length} migration(s) not applied`);
  },
  database: async () => {
    const db = await deps.db();
    await db.$queryRaw`SELECT 1`;
  },
  gateway: () => deps.gateway().ping({ timeoutMs: deps.timeoutMs }),
  worker: async () => {
    if (deps.isWorkerExpected() && !deps.isWorkerRunning()) throw new Error("the job worker is not running");
  },
});

/** Whether a check failed last time, so that a failure is logged once, not on every probe. */
const lastFailing = new Set<TReadinessCheck>();

/** Runs every check at once, each within its timeout; the reasons go to the server log only. */
export const checkReadiness = async (overrides: Partial<TReadinessDeps> = {}): Promise<TReadiness> => {
  const deps = { ...defaultDeps(), ...overrides };
  const checks = checksOf(deps);
  const results = await Promise.allSettled(
    READINESS_CHECKS.map((name) => within(deps.timeoutMs, checks[name])),
  );
  const failing: TReadinessCheck[] = [];
  READINESS_CHECKS.forEach((name, i) => {
    const result = results[i]!;
    if (result.status === "fulfilled") {
      lastFailing.delete(name);
      return;
    }
    failing.push(name);
    if (!lastFailing.has(name)) {
      lastFailing.add(name);
      const reason = (result.reason as Error | undefined)?.message ?? String(result.reason);
      log.error(`[ready] ${name} check failing: ${reason}`);
    }
  });
  return {
    isReady: failing.length === 0,
    checks: Object.fromEntries(
      READINESS_CHECKS.map((name) => [name, failing.includes(name) ? "failing" : "ok"]),
    ) as TReadiness["checks"],
    failing,
  };
};

/** A run of the checks: null `settledAt` while it is under way. */
type TCache = { settledAt: number | null; result: Promise<TReadiness> };

/**
 * checkReadiness, shared: a run under way answers every probe that arrives meanwhile, and its
 * answer every probe for READINESS_CACHE_MS after it came, however many arrive.
 */
export const createReadinessProbe = ({
  check = () => checkReadiness(),
  now = () => performance.now(),
  cacheMs = READINESS_CACHE_MS,
}: { check?: () => Promise<TReadiness>; now?: () => number; cacheMs?: number } = {}) => {
  let cache: TCache | undefined;
  return (): Promise<TReadiness> => {
    if (cache && (cache.settledAt === null || now() - cache.settledAt < cacheMs)) return cache.result;
    const run: TCache = { settledAt: null, result: check() };
    cache = run;
    const settle = () => {
      run.settledAt = now();
    };
    run.result.then(settle, settle);
    return run.result;
  };
};

const globalForReadiness = globalThis as unknown as { __portalReadiness?: () => Promise<TReadiness> };

/** This process's readiness, cached (createReadinessProbe). */
export const getReadiness = () => {
  globalForReadiness.__portalReadiness ??= createReadinessProbe();
  return globalForReadiness.__portalReadiness();
};
