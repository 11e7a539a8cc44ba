/** Runs once when a server instance starts: migrate, seed the demo data, start background work. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("@/lib/db/prepare");
  await prepareDatabase();
  // The durable job queue (pg-boss): every instance works it unless told not to (JOBS_WORKER=off,
  // e.g. web instances beside `npm run worker` processes on PostgreSQL). On PGlite it runs here.
  if (process.env.JOBS_WORKER !== "off") {
    const [{ getJobQueue }, { startWorker }] = await Promise.all([
      import("@/lib/jobs/queue"),
      import("@/lib/jobs/worker"),
    ]);
    await startWorker({ boss: await getJobQueue() });
  }
  const { wakeReceiptSender } = await import("@/lib/receipts/receipt-email-queue");
  wakeReceiptSender(); // whatever a previous run left due
}
