import { afterAll, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { sql, type TSqlFragment } from "@/lib/db/sql";
import { createJobQueue } from "@/lib/jobs/queue";
import { startWorker, type TJobDefinition } from "@/lib/jobs/worker";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const running: PgBoss[] = [];

afterAll(async () => {
  for (const boss of running) await boss.stop({ graceful: true, wait: true, timeout: 5000 });
});

const count = async (query: TSqlFragment) => Number((await database.sql.query<{ n: string }>(query))[0]!.n);

// Two app or worker processes, each with its own pg-boss and connections, on one PostgreSQL.
it("two workers on one database run each job exactly once", { timeout: 45_000 }, async () => {
  await database.sql.run`CREATE TABLE job_test_run (job_id text PRIMARY KEY, worker text NOT NULL)`;
  // A second run of a job would hit the primary key, fail that run, and show as a retry.
  const definition = (worker: string): TJobDefinition => ({
    name: "test.once",
    handler: async (data) => {
      await new Promise((r) => setTimeout(r, 10)); // some work, so that neither worker drains the queue alone
      await database.sql
        .run`INSERT INTO job_test_run (job_id, worker) VALUES (${`job-${(data as { n: number }).n}`}, ${worker})`;
    },
  });
  for (const worker of ["a", "b"]) {
    const boss = createJobQueue(database.target);
    boss.on("error", () => undefined);
    await boss.start();
    running.push(boss);
    await startWorker({
      boss,
      definitions: [definition(worker)],
      pollingIntervalSeconds: 0.5,
      batchSize: 10,
    });
  }
  await running[0]!.insert(Array.from({ length: 200 }, (_, n) => ({ name: "test.once", data: { n } })));
  const completed = sql`SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'test.once' AND state = 'completed'`;
  const end = Date.now() + 30_000;
  while ((await count(completed)) < 200 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));

  expect(await count(completed)).toBe(200);
  expect(await count(sql`SELECT count(*)::text AS n FROM job_test_run`)).toBe(200);
  expect(
    await count(sql`SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'test.once' AND retry_count > 0`),
  ).toBe(0);
  // Both took part (pg-boss shares the queue, it does not pin it to one process).
  expect(await count(sql`SELECT count(DISTINCT worker)::text AS n FROM job_test_run`)).toBe(2);
});
