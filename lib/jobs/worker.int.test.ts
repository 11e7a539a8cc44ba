import { afterEach, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createJobQueue } from "@/lib/jobs/queue";
import { JOBS, startWorker } from "@/lib/jobs/worker";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("the durable job queue (pg-boss)", () => {
  const running: PgBoss[] = [];
  const open = async () => {
    const boss = createJobQueue(database.target);
    boss.on("error", () => undefined);
    await boss.start();
    running.push(boss);
    return boss;
  };
  const stop = async (boss: PgBoss) => {
    await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    running.splice(running.indexOf(boss), 1);
  };
  afterEach(async () => {
    for (const boss of [...running]) await stop(boss);
  });

  it("works a job sent to its queue", async () => {
    const boss = await open();
    const seen: unknown[] = [];
    await startWorker({
      boss,
      definitions: [{ name: "test.echo", handler: async (data) => void seen.push(data) }],
      pollingIntervalSeconds: 0.5,
    });
    await boss.send("test.echo", { hello: "world" });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ hello: "world" }]);
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    const boss = await open();
    let attempts = 0;
    await startWorker({
      boss,
      definitions: [
        {
          name: "test.flaky",
          queue: { retryLimit: 3, retryDelay: 1, retryBackoff: false },
          handler: async () => {
            attempts += 1;
            if (attempts === 1) throw new Error("the SMTP server was down");
          },
        },
      ],
      pollingIntervalSeconds: 0.5,
    });
    const id = await boss.send("test.flaky", {});
    await until(async () => (await boss.getJobById("test.flaky", id!))?.state === "completed");
    expect(attempts).toBe(2);
  });

  it("keeps a job across a restart: sent by one process, worked by the next", async () => {
    const first = await open();
    await first.createQueue("test.durable", { name: "test.durable" });
    await first.send("test.durable", { n: 1 });
    await stop(first);

    const second = await open();
    const seen: unknown[] = [];
    await startWorker({
      boss: second,
      definitions: [{ name: "test.durable", handler: async (data) => void seen.push(data) }],
      pollingIntervalSeconds: 0.5,
    });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it("schedules the recurring work in the practice's time zone, and starting twice changes nothing", async () => {
    const boss = await open();
    await startWorker({ boss });
    await startWorker({ boss: await open() }); // a second instance of the app
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron, s.options?.tz]).sort()).toEqual(
      JOBS.filter((j) => j.cron)
        .map((j) => [j.name, j.cron, "America/New_York"])
        .sort(),
    );
  });
});
