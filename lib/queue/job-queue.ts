import "server-only";
import PgBoss from "pg-boss";
import type { PGlite } from "@electric-sql/pglite";
import { getDatabase, type TOpenDatabase } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * pg-boss's connection to PGlite: PGlite is one in-process connection, shared with Prisma. A
 * script without parameters (pg-boss's own migrations: several statements in BEGIN … COMMIT)
 * runs as one `exec`; anything else as one parameterised query. PGlite runs one at a time, so
 * a script's transaction is never interleaved with another query.
 */
const pgliteBossDb = (pglite: PGlite): PgBoss.Db => ({
  executeSql: async (text, values) => {
    if (!values || values.length === 0) {
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    }
    const result = await pglite.query(text, values);
    return { rows: result.rows };
  },
});

/**
 * A pg-boss instance on the database: on PostgreSQL with its own small pool (several app and
 * worker instances share the queue safely: a job is fetched with FOR UPDATE SKIP LOCKED, so no
 * two run it at once); on PGlite through the app's one connection, in this process.
 */
export const createJobQueue = (target: TOpenDatabase["target"]) =>
  target.kind === "postgres"
    ? new PgBoss({ connectionString: target.url, max: 4, application_name: "portal-jobs" })
    : new PgBoss({ db: pgliteBossDb(target.pglite) });

export type TJobQueue = PgBoss;

const state = globalThis as unknown as { __portalJobs?: Promise<PgBoss> };

/**
 * This process's job queue, started (its schema migrated) on first use. Sending a job needs
 * only this; working jobs is startWorker's (lib/jobs/worker.ts).
 */
export const getJobQueue = (): Promise<PgBoss> => {
  state.__portalJobs ??= (async () => {
    const boss = createJobQueue((await getDatabase()).target);
    boss.on("error", (error: Error) => log.error({ err: error }, `[jobs] ${error.message}`));
    await boss.start();
    return boss;
  })();
  return state.__portalJobs;
};

export const setJobQueueForTests = (boss: PgBoss | undefined) => {
  state.__portalJobs = boss ? Promise.resolve(boss) : undefined;
};
