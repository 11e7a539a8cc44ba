import "server-only";

/**
 * What a Node server instance does once, on start (instrumentation.ts): check every secret,
 * migrate, seed the demo data, work the job queue. Apart from instrumentation.ts so that the
 * Edge compile of that file sees none of it (process.exit is not in the Edge runtime).
 */
export const startServer = async () => {
  // Every secret is checked before anything else: a missing or published one stops the server
  // here, with a message naming the variable (lib/env.ts), not at the first payment or webhook.
  const { configurationProblems } = await import("@/lib/env");
  const problem = configurationProblems();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const { prepareDatabase } = await import("@/lib/startup/prepare-database");
  await prepareDatabase();
  // The durable job queue (pg-boss): every instance works it unless told not to (JOBS_WORKER=off,
  // e.g. web instances beside `npm run worker` processes on PostgreSQL). On PGlite it runs here.
  if (process.env.JOBS_WORKER !== "off") {
    const [{ getJobQueue }, { startWorker }] = await Promise.all([
      import("@/lib/jobs/queue"),
      import("@/lib/jobs/worker"),
    ]);
    await startWorker({ boss: await getJobQueue() });
    const { startWebhookPoller } = await import("@/lib/webhooks/poller");
    startWebhookPoller();
  }
  const { wakeReceiptSender } = await import("@/lib/receipts/receipt-email-queue");
  wakeReceiptSender(); // whatever a previous run left due
};
