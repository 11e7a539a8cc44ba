// `npm run worker`: a process that only works the job queue (no web server), for deployments
// on PostgreSQL that run background work apart from the web instances (set JOBS_WORKER=off on
// those). Several may run at once: pg-boss hands each job to one of them.
import { getDatabase } from "@/lib/db";
import { configurationProblems } from "@/lib/env";
import { getJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
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
  log.info("[jobs] worker started");
  const stop = async (signal: string) => {
    log.info(`[jobs] ${signal}: finishing the jobs in hand`);
    await stopPoller();
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
