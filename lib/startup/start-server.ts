import "server-only";
import { log } from "@/lib/log";

/** The key under which the app's shutdown is registered for scripts/server.mjs (its SIGTERM). */
const SHUTDOWN = Symbol.for("portal.shutdown");

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
    log.fatal(problem);
    log.flush();
    process.exit(1);
  }
  // An embedded database has one owner: a second server on the same directory would corrupt it.
  const [{ resolveDatabaseConfig }, { liveOwner }] = await Promise.all([
    import("@/lib/db/config"),
    import("@/lib/db/backup"),
  ]);
  const config = resolveDatabaseConfig();
  const embedded =
    config.kind === "pglite" && !config.dataDir.startsWith("memory://") ? config.dataDir : null;
  const other = embedded ? liveOwner(embedded) : null;
  if (other) {
    log.fatal(
      `The embedded database ${embedded} is in use by process ${other.pid} (${other.role}): stop it, or set PGLITE_DATA_DIR to another directory.`,
    );
    log.flush();
    process.exit(1);
  }
  const { prepareDatabase } = await import("@/lib/startup/prepare-database");
  await prepareDatabase();
  if (embedded) {
    // This process owns it now, and answers `npm run backup` (lib/db/backup.ts).
    const [{ getDatabase }, { claimPgliteOwnership }] = await Promise.all([
      import("@/lib/db"),
      import("@/lib/db/backup"),
    ]);
    const { target } = await getDatabase();
    if (target.kind === "pglite")
      await claimPgliteOwnership(embedded, target.pglite, { role: "portal server" });
  }
  // The durable job queue (pg-boss): every instance works it unless told not to (JOBS_WORKER=off,
  // e.g. web instances beside `npm run worker` processes on PostgreSQL). On PGlite it runs here.
  let stopWorker = async () => {};
  if (process.env.JOBS_WORKER !== "off") {
    const [{ getJobQueue }, { startWorker }] = await Promise.all([
      import("@/lib/jobs/queue"),
      import("@/lib/jobs/worker"),
    ]);
    const [boss, { markWorkerRunning }] = await Promise.all([
      getJobQueue(),
      import("@/lib/readiness/worker-state"),
    ]);
    await startWorker({ boss });
    markWorkerRunning(true);
    boss.on("stopped", () => markWorkerRunning(false));
    const { startWebhookPoller } = await import("@/lib/webhooks/poller");
    const stopPoller = startWebhookPoller();
    stopWorker = async () => {
      await stopPoller();
      // Fetches no more jobs and waits for those in hand (pg-boss's own limit is the shutdown's).
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    };
  }
  const { wakeReceiptSender, stopReceiptSender } = await import("@/lib/receipts/receipt-email-queue");
  wakeReceiptSender(); // whatever a previous run left due

  /**
   * The app's part of a graceful shutdown, called by scripts/server.mjs on SIGTERM once the
   * requests in flight have finished: stop this instance's job worker after its current jobs,
   * the webhook poller and the receipt sender after their runs, then close the database.
   */
  (globalThis as Record<symbol, unknown>)[SHUTDOWN] = async () => {
    await Promise.all([stopWorker(), stopReceiptSender()]);
    const { getDatabase } = await import("@/lib/db");
    await (await getDatabase()).close();
    log.info("[startup] job worker stopped, database closed");
  };
};
