import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, PORTS, SMS_ENV, SMTP_SINK } from "./e2e/support/ports";

/**
 * Browser tests against a production build:
 *   NEXT_TELEMETRY_DISABLED=1 npx next build && npx playwright test
 * (the first portal server also builds by itself when the build is missing or out of date).
 *
 * Servers, started in this order and stopped at the end:
 *   - an SMTP sink (real SMTP on 2525, received mail as JSON on 2526);
 *   - the sandbox SMS server on 4110, which every PostgreSQL portal and the worker text through
 *     and which sends its inbound texts to the portal on 3100 (the embedded portal starts its own);
 *   - the portal on PostgreSQL (database portal_e2e, re-created each run) on 3100, with its
 *     sandbox gateway on 4100;
 *   - the embedded-database portal (`npm start` path, fresh PGlite directory) on 3101, with its
 *     own sandbox gateway on 4101;
 *   - the same PostgreSQL portal with a 10-second idle timeout on 3102 (using 4100);
 *   - the same PostgreSQL portal again on 3103 (using 4100), for the tests that need a server
 *     process nothing else has used yet (what a production build does on its first requests);
 *     these two with JOBS_WORKER=off (the portal on 3100 and the worker work the queue);
 *   - a second instance on 3104 (using 4100) with JOBS_WORKER=off, and an `npm run worker`
 *     process, as docs/deploy.md runs several instances (e2e/instances.spec.ts);
 *   - (not here: e2e/graceful-shutdown.spec.ts starts one more portal itself, on 3105 with a slow
 *     gateway on 4105 and a database of its own, portal_e2e_shutdown; it stops it with SIGTERM or
 *     kills it with SIGKILL, and starts it again).
 *
 * Every server has this run's own secrets (e2e/support/ports.ts), never the published ones.
 */

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;

const isCI = Boolean(process.env.CI);
const origin = (port: number) => `http://localhost:${port}`;
const portal = (port: number, mode: string, env: Record<string, string> = {}) => ({
  command: `node e2e/support/start-server.mjs ${mode}`,
  url: `${origin(port)}/login`,
  // Outbound webhooks may go to the receivers the tests start on this machine (webhooks-console):
  // every portal on the shared database works the queue, so any of them may send a delivery.
  // A transactions CSV of more than 500 rows is prepared by a job (e2e/transactions-csv-job.spec.ts).
  env: {
    PORT: String(port),
    E2E_DATABASE_URL,
    WEBHOOK_ALLOWED_HOSTS: "127.0.0.1,localhost",
    TRANSACTIONS_CSV_JOB_ROWS: "500",
    // Texts go through the sandbox SMS server on 4110; the embedded portal runs its own (npm start).
    ...(mode === "embedded" ? {} : SMS_ENV),
    ...env,
  },
  reuseExistingServer: false,
  timeout: 240_000,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  name: `portal:${port}`,
});

export default defineConfig({
  testDir: "e2e",
  // After every run: no card or bank number typed by the tests reached the portal's data or logs.
  globalTeardown: "./e2e/support/card-number-scan.ts",
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  fullyParallel: false,
  // A test's time limit finds a hang; it is not a speed check (the benchmarks measure speed).
  // The machines of one kind differ by about two: on a slow one a long journey took 55–60 s,
  // and two of them ran out of a 60-second limit while still moving.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    trace: isCI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  // The projects are run in this order, two files at a time. The few long files of the small
  // projects go first, beside the portal's many: last, one of them would run alone at the end
  // (graceful-shutdown.spec.ts took 110 s so, with the other worker idle).
  projects: [
    {
      // Starts its own portal (3105, with a slow sandbox gateway on 4105) and SIGTERMs it.
      name: "shutdown",
      testMatch: "**/graceful-shutdown.spec.ts",
      use: { baseURL: origin(PORTS.shutdown) },
    },
    {
      name: "fresh",
      testMatch: "**/fresh-server.spec.ts",
      use: { baseURL: origin(PORTS.fresh) },
    },
    {
      name: "idle",
      testMatch: "**/idle-sign-out.spec.ts",
      use: { baseURL: origin(PORTS.idle) },
    },
    {
      name: "embedded",
      testMatch: ["**/embedded-smoke.spec.ts", "**/untrusted-client.spec.ts"],
      use: { baseURL: origin(PORTS.embedded) },
    },
    {
      name: "portal",
      testIgnore: [
        "**/idle-sign-out.spec.ts",
        "**/embedded-smoke.spec.ts",
        "**/untrusted-client.spec.ts",
        "**/fresh-server.spec.ts",
        "**/graceful-shutdown.spec.ts",
      ],
      use: { baseURL: origin(PORTS.portal) },
    },
  ],
  webServer: [
    {
      command: "node e2e/support/smtp-sink.mjs",
      url: `${SMTP_SINK.api}/health`,
      env: { SMTP_SINK_PORT: String(SMTP_SINK.smtpPort), SMTP_SINK_HTTP_PORT: String(SMTP_SINK.httpPort) },
      reuseExistingServer: false,
      timeout: 20_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
      name: "smtp-sink",
    },
    {
      command: "node --import tsx sms-sandbox/main.ts",
      url: `http://127.0.0.1:${PORTS.sms}/health`,
      env: {
        SMS_SANDBOX_PORT: String(PORTS.sms),
        SMS_ACCOUNT_SID: SMS_ENV.SMS_ACCOUNT_SID,
        SMS_AUTH_TOKEN: SMS_ENV.SMS_AUTH_TOKEN,
        SMS_FROM: SMS_ENV.SMS_FROM,
        SMS_SANDBOX_WEBHOOK_URL: `${origin(PORTS.portal)}/api/webhooks/sms`,
      },
      reuseExistingServer: false,
      timeout: 20_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
      name: "sms-sandbox",
    },
    // Started one after another: the first re-creates the database (and builds if needed).
    portal(PORTS.portal, "postgres --reset", {
      E2E_BUILD: "1",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
      // Its sandbox gateway also serves the idle-timeout server's pages.
      E2E_GATEWAY_PORT: String(PORTS.gateway),
      E2E_GATEWAY_ORIGINS: [PORTS.portal, PORTS.idle, PORTS.fresh, PORTS.second].map(origin).join(","),
    }),
    portal(PORTS.embedded, "embedded", { E2E_GATEWAY_PORT: String(PORTS.embeddedGateway) }),
    // The idle-timeout and fresh servers leave the shared job queue to the portal on 3100 and the
    // worker: each instance working it polls its queues every 2 seconds, all run long (measured
    // idle: 3.6% of a core with its worker, 1.3% without, and PostgreSQL's part on top).
    portal(PORTS.idle, "postgres", {
      SESSION_IDLE_TIMEOUT_SECONDS: "10",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
      GATEWAY_URL: `http://localhost:${PORTS.gateway}`,
      JOBS_WORKER: "off",
    }),
    portal(PORTS.fresh, "postgres", {
      SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
      GATEWAY_URL: `http://localhost:${PORTS.gateway}`,
      JOBS_WORKER: "off",
    }),
    portal(PORTS.second, "postgres", {
      SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
      GATEWAY_URL: `http://localhost:${PORTS.gateway}`,
      JOBS_WORKER: "off",
    }),
    {
      command: "node e2e/support/start-server.mjs worker",
      wait: { stdout: /worker started/ },
      env: {
        E2E_DATABASE_URL,
        WEBHOOK_ALLOWED_HOSTS: "127.0.0.1,localhost",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK.smtpPort}`,
        GATEWAY_URL: `http://localhost:${PORTS.gateway}`,
        PORT: String(PORTS.portal),
        ...SMS_ENV,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
      name: "worker",
    },
  ],
});
