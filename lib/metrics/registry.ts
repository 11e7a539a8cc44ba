import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's one Prometheus registry, on globalThis under a Symbol.for key: a production build
 * can hold this module in several chunks (each would otherwise make a registry of its own, and
 * count a payment in one that /api/metrics never reads), and scripts/server.mjs, which is not
 * bundled at all, registers the request latency histogram on the same one by the same key.
 * prom-client is also a server external package (next.config.js): one copy, loaded by Node.
 */
export const METRICS_REGISTRY_KEY = Symbol.for("portal.metrics.registry");
const METRICS_KEY = Symbol.for("portal.metrics.portal");

type TGlobalMetrics = { [METRICS_REGISTRY_KEY]?: Registry; [METRICS_KEY]?: TPortalMetrics };
const state = globalThis as unknown as TGlobalMetrics;

/** Seconds: a gateway call or a scrape-time query (5 ms … 30 s). */
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a file import or export (50 ms … 1 hour). */
const FILE_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 1800, 3600];

/** Every metric the portal itself defines (docs/operations.md lists them), on `registry`. */
export const createPortalMetrics = (registry: Registry) => {
  const registers = [registry];
  return {
    payments: new Counter({
      name: "portal_payments_total",
      help: "Payments that reached their outcome (approved, declined, failed, voided, returned), by channel.",
      labelNames: ["outcome", "channel"] as const,
      registers,
    }),
    gatewayDuration: new Histogram({
      name: "portal_gateway_request_duration_seconds",
      help: "Calls to the payment gateway's API, by operation, failed ones included.",
      labelNames: ["operation"] as const,
      buckets: CALL_BUCKETS,
      registers,
    }),
    gatewayErrors: new Counter({
      name: "portal_gateway_errors_total",
      help: "Gateway calls that failed, by operation and error code (a decline is an answer, not an error).",
      labelNames: ["operation", "code"] as const,
      registers,
    }),
    jobQueueDepth: new Gauge({
      name: "portal_job_queue_depth",
      help: "Jobs waiting in each queue (created or to be retried), read when scraped.",
      labelNames: ["queue"] as const,
      registers,
    }),
    jobQueueActive: new Gauge({
      name: "portal_job_queue_active",
      help: "Jobs of each queue a worker is running now, read when scraped.",
      labelNames: ["queue"] as const,
      registers,
    }),
    jobQueueOldestAge: new Gauge({
      name: "portal_job_queue_oldest_age_seconds",
      help: "How long the oldest waiting job of each queue has been due (0: none due), read when scraped.",
      labelNames: ["queue"] as const,
      registers,
    }),
    emailBacklog: new Gauge({
      name: "portal_email_backlog",
      help: "Emails due and not sent yet, by queue (receipts, agreements), read when scraped.",
      labelNames: ["queue"] as const,
      registers,
    }),
    emailBacklogOldestAge: new Gauge({
      name: "portal_email_backlog_oldest_age_seconds",
      help: "How long the oldest due email of each queue has been due (0: none), read when scraped.",
      labelNames: ["queue"] as const,
      registers,
    }),
    webhookBacklog: new Gauge({
      name: "portal_webhook_backlog",
      help: "Outbound webhook deliveries not delivered yet and not given up (PENDING), read when scraped.",
      registers,
    }),
    webhookBacklogOldestAge: new Gauge({
      name: "portal_webhook_backlog_oldest_age_seconds",
      help: "Age of the oldest PENDING webhook delivery (0: none), read when scraped.",
      registers,
    }),
    importDuration: new Histogram({
      name: "portal_import_duration_seconds",
      help: "Imports of files from the practice's system, from start to finish, by kind and result.",
      labelNames: ["kind", "result"] as const,
      buckets: FILE_BUCKETS,
      registers,
    }),
    exportDuration: new Histogram({
      name: "portal_export_duration_seconds",
      help: "Files written for the practice's system (posting and sign-up files), by kind, format and result.",
      labelNames: ["kind", "format", "result"] as const,
      buckets: FILE_BUCKETS,
      registers,
    }),
  };
};

export type TPortalMetrics = ReturnType<typeof createPortalMetrics>;

/** The process's registry (made by whichever of this module and scripts/server.mjs comes first). */
export const metricsRegistry = (): Registry => {
  state[METRICS_REGISTRY_KEY] ??= new Registry();
  return state[METRICS_REGISTRY_KEY];
};

/** The portal's metrics on the process's registry, made once, with Node's default process metrics. */
export const portalMetrics = (): TPortalMetrics => {
  if (!state[METRICS_KEY]) {
    const registry = metricsRegistry();
    state[METRICS_KEY] = createPortalMetrics(registry);
    collectDefaultMetrics({ register: registry });
  }
  return state[METRICS_KEY];
};

/** Seconds since `startedAt` (a performance.now() reading), for a histogram. */
export const secondsSince = (startedAt: number) => (performance.now() - startedAt) / 1000;
