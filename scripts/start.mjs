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
  "prisma/schema.prisma",
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

if (!env.NEXTAUTH_SECRET) {
  // A secret of this installation, kept beside the embedded database.
  const file = path.join(root, ".data", "auth-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}

if (process.env.SKIP_BUILD !== "1" && needsBuild()) {
  console.log("Building the portal (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NODE_ENV: "production" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`Serving the patient portal on ${env.NEXTAUTH_URL}`);
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, PORT: port, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
