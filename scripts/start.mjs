#!/usr/bin/env node
// `npm start`: build the portal if it has not been built (or its sources changed), make sure
// there is an auth secret, then serve it. The server migrates the database and seeds the
// demo data itself on start (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(root, ".next", "BUILD_ID");

const SOURCES = [
  "app",
  "components",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "package-lock.json",
  "prisma/schema",
];
const newestMtime = (p) => {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce(
    (max, name) => (name === "generated" ? max : Math.max(max, newestMtime(path.join(p, name)))),
    s.mtimeMs,
  );
};

const needsBuild = () =>
  !existsSync(buildId) || SOURCES.some((s) => newestMtime(path.join(root, s)) > statSync(buildId).mtimeMs);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT ?? "3000";
env.NEXTAUTH_URL ??= `http://localhost:${port}`;

/** A secret of this installation, made on first start and kept beside the embedded database. */
const installationSecret = (name, prefix = "", make = () => randomBytes(32).toString("base64url")) => {
  const file = path.join(root, ".data", name);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `${prefix}${make()}`, { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
};

env.NEXTAUTH_SECRET ||= installationSecret("auth-secret");

if (process.env.SKIP_BUILD !== "1" && needsBuild()) {
  console.log("Building the portal (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The sandbox gateway (gateway/) runs beside the portal, on its own port and origin, unless
// GATEWAY_URL points the portal at another gateway (or SANDBOX_GATEWAY=off).
let gateway = null;
if (!process.env.GATEWAY_URL && process.env.SANDBOX_GATEWAY !== "off") {
  const gatewayPort = env.GATEWAY_PORT ?? "4000";
  env.GATEWAY_URL = `http://localhost:${gatewayPort}`;
  // The sandbox's published API key and webhook secret are in this repository: the bundled
  // gateway and the portal share secrets of this installation instead, so nobody else can call
  // the gateway or sign its webhooks (the portal refuses the published ones in production).
  env.GATEWAY_API_KEY ||= installationSecret("gateway-api-key", "sk_local_");
  env.GATEWAY_WEBHOOK_SECRET ||= installationSecret("gateway-webhook-secret", "whsec_local_");
  const gatewayEnv = {
    ...env,
    GATEWAY_PORT: gatewayPort,
    GATEWAY_DATA_DIR: env.GATEWAY_DATA_DIR ?? path.join(root, ".data", "gateway"),
    GATEWAY_ALLOWED_ORIGINS: env.GATEWAY_ALLOWED_ORIGINS ?? new URL(env.NEXTAUTH_URL).origin,
    GATEWAY_WEBHOOK_URL:
      env.GATEWAY_WEBHOOK_URL ?? new URL("/api/webhooks/gateway", env.NEXTAUTH_URL).toString(),
  };
  console.log(`Serving the sandbox gateway on ${env.GATEWAY_URL}`);
  gateway = spawn(process.execPath, ["--import", "tsx", path.join(root, "gateway", "main.ts")], {
    cwd: root,
    stdio: "inherit",
    env: gatewayEnv,
  });
}

// The sandbox SMS server (sms-sandbox/) likewise, on its own port, unless SMS_API_URL points the
// portal at a real provider (or SANDBOX_SMS=off). It keeps the texts the portal sends (the admin
// reads them on /staff/sms) and signs the inbound texts it sends to the portal's webhook with an
// auth token of this installation.
let smsSandbox = null;
if (!process.env.SMS_API_URL && process.env.SANDBOX_SMS !== "off") {
  const smsPort = env.SMS_SANDBOX_PORT ?? "4010";
  env.SMS_API_URL = `http://localhost:${smsPort}`;
  env.SMS_ACCOUNT_SID ||= installationSecret("sms-account-sid", "AC", () => randomBytes(16).toString("hex"));
  env.SMS_AUTH_TOKEN ||= installationSecret("sms-auth-token");
  env.SMS_FROM ||= "+12155550100";
  console.log(`Serving the sandbox SMS server on ${env.SMS_API_URL}`);
  smsSandbox = spawn(process.execPath, ["--import", "tsx", path.join(root, "sms-sandbox", "main.ts")], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...env,
      SMS_SANDBOX_PORT: smsPort,
      SMS_SANDBOX_WEBHOOK_URL:
        env.SMS_SANDBOX_WEBHOOK_URL ?? new URL("/api/webhooks/sms", env.NEXTAUTH_URL).toString(),
    },
  });
}

console.log(`Serving the patient portal on ${env.NEXTAUTH_URL}`);
const portal = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, PORT: port, NODE_ENV: "production" },
});
const children = [portal, gateway, smsSandbox].filter(Boolean);

// One stops, all stop: a portal without its gateway (or the reverse) is no use. On SIGTERM the
// portal goes first and the sandboxes after it has exited: the portal finishes its requests in
// flight (docs/operations.md), and a payment among them is still waiting on the gateway.
const isRunning = (child) => child.exitCode === null && child.signalCode === null;
let isStopping = false;
const stopAll = (signal = "SIGTERM") => {
  if (isStopping) return;
  isStopping = true;
  if (isRunning(portal)) portal.kill(signal);
  else for (const sandbox of [gateway, smsSandbox]) if (sandbox && isRunning(sandbox)) sandbox.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));
let exitCode = 0;
for (const child of children) {
  child.on("exit", (code) => {
    exitCode ||= code ?? 0;
    stopAll();
    if (child === portal)
      for (const sandbox of [gateway, smsSandbox]) if (sandbox && isRunning(sandbox)) sandbox.kill("SIGTERM");
    if (children.every((c) => !isRunning(c))) process.exit(exitCode);
  });
}
