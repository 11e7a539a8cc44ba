import "server-only";
import { getDb } from "@/lib/db";

/**
 * The HTTP benchmark's baseline (bench/http.bench.ts): a bare route handler that makes one
 * INSERT through the app's Prisma Client, so that a payment over HTTP can be set beside the
 * cheapest write the same server can do. Off unless BENCH_BASELINE_ROUTES=on: the route answers
 * 404 as if it did not exist. The table is made by the benchmark in its own database only; no
 * migration creates it.
 */
export const BENCH_BASELINE_TABLE = "bench_baseline_insert";

export const benchBaselineRoutesOn = () => process.env.BENCH_BASELINE_ROUTES === "on";

/** One row, one statement: the bare insert. */
export const insertBenchBaselineRow = async () => {
  const db = await getDb();
  await db.$executeRawUnsafe(`INSERT INTO ${BENCH_BASELINE_TABLE} DEFAULT VALUES`);
};
