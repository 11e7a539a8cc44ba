import type PgBoss from "pg-boss";
import { createJobQueue } from "@/lib/jobs/queue";
import { startWorker, type TJobDefinition } from "@/lib/jobs/worker";
import type { TTestDatabase } from "@/lib/test/test-db";

/**
 * Runs a job on two workers at once, each its own pg-boss with its own pool (as two worker
 * processes on one PostgreSQL would): `jobs` copies of it are queued and this waits (up to 45 s)
 * until all have finished. Returns how many finished; the workers stop with `stop()`.
 */
export const runOnTwoWorkers = async ({
  database,
  name,
  handler,
  jobs = 8,
}: {
  database: Pick<TTestDatabase, "sql" | "target">;
  name: string;
  handler: TJobDefinition["handler"];
  jobs?: number;
}) => {
  const running: PgBoss[] = [];
  const definition: TJobDefinition = { name, queue: { retryLimit: 0 }, handler };
  for (let n = 0; n < 2; n += 1) {
    const boss = createJobQueue(database.target);
    boss.on("error", () => undefined);
    await boss.start();
    running.push(boss);
    await startWorker({ boss, definitions: [definition], pollingIntervalSeconds: 0.5, batchSize: 2 });
  }
  const stop = async () => {
    for (const boss of running) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
  };
  await running[0]!.insert(Array.from({ length: jobs }, () => ({ name, data: {} })));
  const finished = async () =>
    Number(
      (
        await database.sql.query<{ n: string }>`
          SELECT count(*)::text AS n FROM pgboss.job WHERE name = ${name} AND state IN ('completed', 'failed')`
      )[0]!.n,
    );
  const end = Date.now() + 45_000;
  while ((await finished()) < jobs && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return { finished: await finished(), stop };
};
