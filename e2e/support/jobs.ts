import { expect } from "@playwright/test";
import PgBoss from "pg-boss";
import { E2E_DATABASE_URL } from "./ports";

/**
 * Runs a recurring job now, as its schedule would: sends it to the e2e database's pg-boss queue
 * (a client only: no schedule, no maintenance) and waits until a worker of the servers has
 * completed it. A queue that runs one at a time (policy stately) refuses a second job while one
 * waits: then this waits for that one to be taken, and sends again.
 */
export const runJob = async (name: string, { timeout = 60_000 }: { timeout?: number } = {}) => {
  const boss = new PgBoss({
    connectionString: E2E_DATABASE_URL,
    max: 1,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (error) => console.error(`[runJob] ${String(error)}`));
  await boss.start();
  try {
    let id: string | null = null;
    await expect
      .poll(async () => (id = await boss.send(name, {})), { message: `${name} sent`, timeout })
      .not.toBeNull();
    await expect
      .poll(async () => (await boss.getJobById(name, id!))?.state, { message: `${name} completed`, timeout })
      .toBe("completed");
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
};
