import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { portalMetrics, type TPortalMetrics } from "@/lib/metrics/registry";

export type TQueueDepth = { queue: string; waiting: number; active: number; oldestAgeSeconds: number };
export type TBacklog = { count: number; oldestAgeSeconds: number };

/**
 * Each pg-boss queue (pg-boss 10: `pgboss.queue`, jobs in `pgboss.job`), with its waiting jobs
 * (created, or failed and to be retried), its running ones, and how long the oldest waiting job
 * has been due (its start_after passed; a job delayed for a retry is not late before then).
 * Empty when the job queue's schema is not there yet (no process has started pg-boss).
 */
export const readJobQueues = async (db: PrismaClient): Promise<TQueueDepth[]> => {
  const [schema] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AND to_regclass('pgboss.queue') IS NOT NULL AS present`;
  if (!schema?.present) return [];
  const rows = await db.$queryRaw<{ queue: string; waiting: number; active: number; oldest: number }[]>`
    SELECT q.name AS queue,
           count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS waiting,
           count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
           COALESCE(EXTRACT(EPOCH FROM now() - min(j.start_after)
             FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())), 0)::float8 AS oldest
      FROM pgboss.queue q
      LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active')
     GROUP BY q.name
     ORDER BY q.name`;
  return rows.map((r) => ({
    queue: r.queue,
    waiting: r.waiting,
    active: r.active,
    oldestAgeSeconds: Math.max(0, r.oldest),
  }));
};

/**
 * Receipt emails owed (payment.receiptEmailDueAt set: due now, or claimed by a sender that has
 * not cleared it yet), and how long ago the oldest one's payment was approved. One of the two
 * mail queues (with plan agreements): every other email is sent while its request or job runs
 * (reminders are jobs).
 */
export const readReceiptBacklog = async (db: PrismaClient): Promise<TBacklog> => {
  const [row] = await db.$queryRaw<{ count: number; oldest: number }[]>`
    SELECT count(*)::int AS count,
           COALESCE(EXTRACT(EPOCH FROM now() - min(COALESCE("capturedAt", "createdAt"))), 0)::float8 AS oldest
      FROM "payment"
     WHERE "receiptEmailDueAt" IS NOT NULL`;
  return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
};

/**
 * Agreement emails of plans staff set up still owed (payment_plan.agreementEmailDueAt set), and
 * how long ago the oldest one's plan was made.
 */
export const readAgreementBacklog = async (db: PrismaClient): Promise<TBacklog> => {
  const [row] = await db.$queryRaw<{ count: number; oldest: number }[]>`
    SELECT count(*)::int AS count,
           COALESCE(EXTRACT(EPOCH FROM now() - min("createdAt")), 0)::float8 AS oldest
      FROM "payment_plan"
     WHERE "agreementEmailDueAt" IS NOT NULL`;
  return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
};

/** Outbound webhook deliveries still to be made (PENDING), and the age of the oldest. */
export const readWebhookBacklog = async (db: PrismaClient): Promise<TBacklog> => {
  const [row] = await db.$queryRaw<{ count: number; oldest: number }[]>`
    SELECT count(*)::int AS count,
           COALESCE(EXTRACT(EPOCH FROM now() - min("createdAt")), 0)::float8 AS oldest
      FROM "webhook_delivery"
     WHERE status = 'PENDING'`;
  return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
};

/**
 * Sets the scrape-time gauges from the database, just before the registry is read. A gauge whose
 * query fails is left empty (not stale) and the failure logged: the rest of the scrape still
 * answers, and an alert on an absent series sees it.
 */
export const refreshScrapeGauges = async ({
  metrics = portalMetrics(),
  db,
}: { metrics?: TPortalMetrics; db?: PrismaClient } = {}) => {
  const database = db ?? (await getDb());
  const [queues, receipts, agreements, webhooks] = await Promise.allSettled([
    readJobQueues(database),
    readReceiptBacklog(database),
    readAgreementBacklog(database),
    readWebhookBacklog(database),
  ]);
  for (const gauge of [metrics.jobQueueDepth, metrics.jobQueueActive, metrics.jobQueueOldestAge])
    gauge.reset();
  metrics.emailBacklog.reset();
  metrics.emailBacklogOldestAge.reset();
  metrics.webhookBacklog.reset();
  metrics.webhookBacklogOldestAge.reset();
  if (queues.status === "fulfilled") {
    for (const q of queues.value) {
      metrics.jobQueueDepth.set({ queue: q.queue }, q.waiting);
      metrics.jobQueueActive.set({ queue: q.queue }, q.active);
      metrics.jobQueueOldestAge.set({ queue: q.queue }, q.oldestAgeSeconds);
    }
  }
  for (const [queue, backlog] of [
    ["receipts", receipts],
    ["agreements", agreements],
  ] as const) {
    if (backlog.status !== "fulfilled") continue;
    metrics.emailBacklog.set({ queue }, backlog.value.count);
    metrics.emailBacklogOldestAge.set({ queue }, backlog.value.oldestAgeSeconds);
  }
  if (webhooks.status === "fulfilled") {
    metrics.webhookBacklog.set(webhooks.value.count);
    metrics.webhookBacklogOldestAge.set(webhooks.value.oldestAgeSeconds);
  }
  for (const [name, result] of [
    ["job queues", queues],
    ["receipt backlog", receipts],
    ["agreement backlog", agreements],
    ["webhook backlog", webhooks],
  ] as const) {
    if (result.status === "rejected") {
      log.error({ err: result.reason }, `[metrics] could not read the ${name}`);
    }
  }
};
