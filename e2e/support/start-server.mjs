#!/usr/bin/env node
// Starts one portal server for the browser tests, through `node scripts/start.mjs` (the
// `npm start` path).
//
//   node e2e/support/start-server.mjs postgres --reset   drop and re-create the e2e database first
//   node e2e/support/start-server.mjs postgres           reuse it (a second server on the same data)
//   node e2e/support/start-server.mjs embedded           embedded PGlite in a fresh temp directory
//   node e2e/support/start-server.mjs worker             `npm run worker` on the e2e database (no web server)
//
// PORT picks the port (NEXTAUTH_URL follows it). E2E_DATABASE_URL (playwright.config.ts sets
// it, see e2e/support/ports.ts) must point at a local server: this script drops that
// database, so it refuses any other host. E2E_BUILD=1 lets start.mjs build when
// the sources changed; otherwise an existing build is required.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..", "..");
const [mode = "postgres", ...flags] = process.argv.slice(2);
const port = process.env.PORT ?? "3100";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/portal_e2e";

for (const name of ["E2E_NEXTAUTH_SECRET", "E2E_GATEWAY_API_KEY", "E2E_GATEWAY_WEBHOOK_SECRET"]) {
  if (!process.env[name]) {
    console.error(`[e2e] ${name} is not set (playwright.config.ts makes the run's secrets).`);
    process.exit(1);
  }
}

const fail = (message) => {
  console.error(`[e2e] ${message}`);
  process.exit(1);
};

const resetDatabase = async (url) => {
  const target = new URL(url);
  if (!LOCAL_HOSTS.has(target.hostname)) {
    fail(`refusing to drop a database on ${target.hostname}: the e2e database must be local.`);
  }
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) fail(`unexpected database name "${name}".`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  console.log(`[e2e] re-created database ${name}`);
};

const env = {
  ...process.env,
  PORT: port,
  NEXTAUTH_URL: `http://localhost:${port}`,
  // The run's own secrets (e2e/support/ports.ts), as a deployment has: never the published ones.
  NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
  GATEWAY_API_KEY: process.env.E2E_GATEWAY_API_KEY,
  GATEWAY_WEBHOOK_SECRET: process.env.E2E_GATEWAY_WEBHOOK_SECRET,
  NEXT_TELEMETRY_DISABLED: "1",
};
if (process.env.E2E_METRICS_TOKEN) env.METRICS_TOKEN = process.env.E2E_METRICS_TOKEN;
if (process.env.E2E_BUILD !== "1") env.SKIP_BUILD = "1";
delete env.NODE_ENV;

if (mode === "postgres" || mode === "worker") {
  if (flags.includes("--reset")) await resetDatabase(E2E_DATABASE_URL);
  env.DATABASE_URL = E2E_DATABASE_URL;
  env.SEED_DEMO_DATA = "true";
  env.SMTP_URL ??= "smtp://127.0.0.1:2525";
  env.TRUST_PROXY = "true";
  delete env.PGLITE_DATA_DIR;
} else if (mode === "embedded") {
  // Exactly `npm start` on an empty machine: no DATABASE_URL, no SMTP, a fresh data directory.
  const dataDir = process.env.E2E_PGLITE_DATA_DIR ?? path.join(os.tmpdir(), `portal-e2e-pglite-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  env.PGLITE_DATA_DIR = dataDir;
  for (const key of [
    "DATABASE_URL",
    "SEED_DEMO_DATA",
    "SMTP_URL",
    "TRUST_PROXY",
    "SESSION_IDLE_TIMEOUT_SECONDS",
  ]) {
    delete env[key];
  }
} else {
  fail(`unknown mode "${mode}" (postgres or embedded)`);
}

// The sandbox gateway: start.mjs runs one beside the portal (on E2E_GATEWAY_PORT, with a fresh
// data directory) unless GATEWAY_URL names one that another server of the run started.
// E2E_GATEWAY_KEEP_DATA=1 keeps the data of the gateway the last start on that port ran (an
// instance started again after it was killed: the gateway still knows the charges it made).
if (!process.env.GATEWAY_URL) {
  const gatewayPort = process.env.E2E_GATEWAY_PORT ?? String(Number(port) + 1000);
  const gatewayDir = path.join(os.tmpdir(), `portal-e2e-gateway-${gatewayPort}`);
  if (process.env.E2E_GATEWAY_KEEP_DATA !== "1") rmSync(gatewayDir, { recursive: true, force: true });
  env.GATEWAY_PORT = gatewayPort;
  env.GATEWAY_DATA_DIR = gatewayDir;
  env.GATEWAY_ALLOWED_ORIGINS = process.env.E2E_GATEWAY_ORIGINS ?? env.NEXTAUTH_URL;
  delete env.GATEWAY_WEBHOOK_URL;
}

// The sandbox SMS server: start.mjs runs one beside the portal unless SMS_API_URL names one that
// the run started (playwright.config.ts: 4110); then on a port of its own (3101 → 4111).
if (!process.env.SMS_API_URL) env.SMS_SANDBOX_PORT = String(Number(port) + 1010);

if (env.SKIP_BUILD === "1" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
  fail("no production build: run `NEXT_TELEMETRY_DISABLED=1 npx next build` first (or set E2E_BUILD=1).");
}

// The whole server log goes to test-results/server-<port>.log; its stderr also to ours, which
// Playwright shows.
const logDir = path.join(root, "test-results");
mkdirSync(logDir, { recursive: true });
const log = createWriteStream(path.join(logDir, `server-${mode === "worker" ? "worker" : port}.log`));
// The worker is started as `npm run worker` starts it, with package.json's command, but not
// through npm: npm does not pass SIGTERM on, and the worker would outlive the run.
const workerCommand = () => {
  const script = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts.worker;
  const [command, ...args] = script.split(/\s+/);
  if (command !== "node") fail(`package.json's worker script does not start with node: ${script}`);
  return args;
};
const server =
  mode === "worker"
    ? spawn(process.execPath, workerCommand(), {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...env, NODE_ENV: "production" },
      })
    : spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        env,
      });
server.stdout.pipe(log);
// Playwright waits for the worker's "worker started" on this process's stdout.
if (mode === "worker") server.stdout.pipe(process.stdout);
server.stderr.on("data", (chunk) => {
  log.write(chunk);
  process.stderr.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
