// `npm run worker`: a process that only works the job queue (no web server), for deployments
// on PostgreSQL that run background work apart from the web instances (set JOBS_WORKER=off on
// those). Several may run at once: pg-boss hands each job to one of them.
import { getDatabase } from "@/lib/db";
import { configurationProblems, env, secrets } from "@/lib/env";
import { getJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { serveMetrics } from "@/lib/metrics/metrics-server";
import { startWebhookPoller } from "@/lib/webhooks/poller";
import { log } from "@/lib/log";
import { routeConsoleToLogger } from "@/lib/log/logger.mjs";

const main = async () => {
  routeConsoleToLogger(log); // what libraries print is a JSON line too
  const problem = configurationProblems();
  if (problem) {
    log.fatal(problem);
    log.flush();
    process.exit(1);
  }
  const database = await getDatabase();
  if (database.target.kind !== "postgres") {
    log.fatal(
      "npm run worker needs DATABASE_URL (PostgreSQL); on PGlite the web server works the queue itself.",
    );
    log.flush();
    process.exit(2);
  }
  const boss = await getJobQueue();
  await startWorker({ boss });
  const stopPoller = startWebhookPoller();
  // Its payments (plans, autopay), imports and files are counted in this process: Prometheus
  // scrapes it here (docs/operations.md).
  const port = env().WORKER_METRICS_PORT;
  const metrics = port ? await serveMetrics({ port }) : null;
  if (metrics && !secrets().metricsToken) {
    log.warn("[metrics] WORKER_METRICS_PORT is set but METRICS_TOKEN is not: /metrics answers 404");
  }
  log.info("[jobs] worker started");
  const stop = async (signal: string) => {
    log.info(`[jobs] ${signal}: finishing the jobs in hand`);
    await stopPoller();
    await metrics?.close();
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await database.close();
    log.info("[jobs] worker stopped");
    log.flush();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
};

void main();
