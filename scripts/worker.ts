// `npm run worker`: a process that only works the job queue (no web server), for deployments
// on PostgreSQL that run background work apart from the web instances (set JOBS_WORKER=off on
// those). Several may run at once: pg-boss hands each job to one of them.
import { getDatabase } from "@/lib/db";
import { configurationProblems } from "@/lib/env";
import { getJobQueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { startWebhookPoller } from "@/lib/webhooks/poller";

const main = async () => {
  const problem = configurationProblems();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const database = await getDatabase();
  if (database.target.kind !== "postgres") {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL); on PGlite the web server works the queue itself.",
    );
    process.exit(2);
  }
  const boss = await getJobQueue();
  await startWorker({ boss });
  const stopPoller = startWebhookPoller();
  console.log("[jobs] worker started");
  const stop = async (signal: string) => {
    console.log(`[jobs] ${signal}: finishing the jobs in hand`);
    await stopPoller();
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
};

void main();
