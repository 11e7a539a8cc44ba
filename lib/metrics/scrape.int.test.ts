import type PgBoss from "pg-boss";
import { Registry } from "prom-client";
import { afterAll, describe, expect, it } from "vitest";
import { createJobQueue } from "@/lib/jobs/queue";
import { createPortalMetrics } from "@/lib/metrics/registry";
import {
  readJobQueues,
  readAgreementBacklog,
  readReceiptBacklog,
  readWebhookBacklog,
  refreshScrapeGauges,
} from "@/lib/metrics/scrape";
import { makePlan } from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

describe("the metrics read when scraped", () => {
  let boss: PgBoss | undefined;
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true, timeout: 5000 });
  });

  it("reads no queues before any process has made the job queue's schema", async () => {
    expect(await readJobQueues(database.db)).toEqual([]);
  });

  it("reads each queue's waiting and running jobs and how long the oldest has been due", async () => {
    boss = createJobQueue(database.target);
    boss.on("error", () => undefined);
    await boss.start();
    await boss.createQueue("metrics.busy");
    await boss.createQueue("metrics.idle");
    const ids = await Promise.all([1, 2, 3].map((n) => boss!.send("metrics.busy", { n })));
    // A job waiting for a retry later is waiting, but not yet due.
    await boss.send("metrics.busy", { n: 4 }, { startAfter: 3600 });
    await database.db.$executeRaw`
      UPDATE pgboss.job SET start_after = now() - interval '10 minutes' WHERE id = ${ids[0]!}::uuid`;
    const [running] = await boss.fetch("metrics.busy");
    expect(running).toBeDefined();

    const queues = await readJobQueues(database.db);
    const busy = queues.find((q) => q.queue === "metrics.busy");
    expect(busy).toMatchObject({ waiting: 3, active: 1 });
    // Which due job the fetch took is pg-boss's choice; the one delayed an hour is never the oldest.
    expect(busy!.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(queues.find((q) => q.queue === "metrics.idle")).toEqual({
      queue: "metrics.idle",
      waiting: 0,
      active: 0,
      oldestAgeSeconds: 0,
    });
  });

  it("takes the age from the oldest job still waiting", async () => {
    await boss!.createQueue("metrics.late");
    const id = await boss!.send("metrics.late", {});
    await database.db.$executeRaw`
      UPDATE pgboss.job SET start_after = now() - interval '10 minutes' WHERE id = ${id!}::uuid`;
    const late = (await readJobQueues(database.db)).find((q) => q.queue === "metrics.late");
    expect(late?.waiting).toBe(1);
    expect(late!.oldestAgeSeconds).toBeGreaterThanOrEqual(600);
  });

  it("reads the receipts owed and the age of the oldest one's approval", async () => {
    expect(await readReceiptBacklog(database.db)).toEqual({ count: 0, oldestAgeSeconds: 0 });
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
    const payment = (n: number, capturedAt: Date, due: Date | null) =>
      database.db.payment.create({
        data: {
          practiceId: account.practiceId,
          accountId: account.id,
          channel: "WEB",
          status: "CAPTURED",
          amountCents: 100, // $1.00
          idempotencyKey: `metrics-${n}`,
          receiptNumber: `R-METRICS-${n}`,
          methodKind: "CARD",
          capturedAt,
          receiptEmailDueAt: due,
        },
      });
    const hourAgo = new Date(Date.now() - 3600_000);
    await payment(1, hourAgo, new Date());
    await payment(2, new Date(), new Date(Date.now() + 300_000)); // claimed by a sender, not cleared yet
    await payment(3, new Date(Date.now() - 7200_000), null); // sent
    const backlog = await readReceiptBacklog(database.db);
    expect(backlog.count).toBe(2);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(3600);
    expect(backlog.oldestAgeSeconds).toBeLessThan(7200);
  });

  it("reads the plan agreements owed and the age of the oldest one's plan", async () => {
    expect(await readAgreementBacklog(database.db)).toEqual({ count: 0, oldestAgeSeconds: 0 });
    const statement = await database.db.statement.findFirstOrThrow({ where: { statementNumber: "ST-1001" } });
    const plan = async (createdAt: Date, agreementEmailDueAt: Date | null) => {
      const made = await makePlan(database.db, { accountId: statement.accountId, statementId: statement.id });
      await database.db.$executeRaw`
        UPDATE "payment_plan" SET "createdAt" = ${createdAt}::timestamptz,
               "agreementEmailDueAt" = ${agreementEmailDueAt}::timestamptz
         WHERE id = ${made.id}`;
    };
    await plan(new Date(Date.now() - 1800_000), new Date()); // owed for half an hour
    await plan(new Date(Date.now() - 7200_000), null); // sent
    const backlog = await readAgreementBacklog(database.db);
    expect(backlog.count).toBe(1);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(1800);
    expect(backlog.oldestAgeSeconds).toBeLessThan(7200);
  });

  it("reads the webhook deliveries still to be made and the age of the oldest", async () => {
    expect(await readWebhookBacklog(database.db)).toEqual({ count: 0, oldestAgeSeconds: 0 });
    const practice = await database.db.practice.findFirstOrThrow();
    const endpoint = await database.db.webhookEndpoint.create({
      data: {
        practiceId: practice.id,
        url: "https://pms.example.org/hooks",
        secretCiphertext: "x",
        eventTypes: ["payment.approved"],
      },
    });
    const delivery = (n: number, status: "PENDING" | "DELIVERED" | "FAILED", createdAt: Date) =>
      database.db.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          eventId: `evt_${n}`,
          eventType: "payment.approved",
          status,
          createdAt,
        },
      });
    await delivery(1, "PENDING", new Date(Date.now() - 1800_000));
    await delivery(2, "PENDING", new Date());
    await delivery(3, "DELIVERED", new Date(Date.now() - 7200_000));
    await delivery(4, "FAILED", new Date(Date.now() - 7200_000));
    const backlog = await readWebhookBacklog(database.db);
    expect(backlog.count).toBe(2);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(1800);
    expect(backlog.oldestAgeSeconds).toBeLessThan(7200);
  });

  it("sets the gauges from them, and drops a queue that is gone", async () => {
    const registry = new Registry();
    const metrics = createPortalMetrics(registry);
    metrics.jobQueueDepth.set({ queue: "metrics.gone" }, 7);
    await refreshScrapeGauges({ metrics, db: database.db });
    const text = await registry.metrics();
    expect(text).toContain('portal_job_queue_depth{queue="metrics.busy"} 3');
    expect(text).toContain('portal_job_queue_active{queue="metrics.busy"} 1');
    expect(text).not.toContain("metrics.gone");
    expect(text).toContain('portal_email_backlog{queue="receipts"} 2');
    expect(text).toContain('portal_email_backlog{queue="agreements"} 1');
    expect(text).toMatch(/^portal_webhook_backlog 2$/m);
    expect(text).toMatch(/^portal_webhook_backlog_oldest_age_seconds \d+/m);
  });
});
