#!/usr/bin/env node
// `npm test`: every check and every test, in the order that fails fastest.
// type-check → lint → import cycles → unit → gateway contract → integration on PGlite and on PostgreSQL → production build → browser tests.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const sourceFolders = [
  "app",
  "components",
  "lib",
  "gateway",
  "sms-sandbox",
  "scripts",
  "e2e",
  "bench",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
];

const steps = [
  ["type-check", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), [".", "--max-warnings", "0"]],
  ["format", bin("prettier"), ["--check", "--log-level", "warn", "."]],
  // No file imports itself through others, anywhere; no two lib/ folders import each other
  // (dependency-cruiser; the rules and why are in the two configs).
  [
    "import cycles between files",
    bin("depcruise"),
    ["--config", ".dependency-cruiser.mjs", ...sourceFolders],
  ],
  [
    "import cycles between lib/ folders",
    bin("depcruise"),
    ["--config", ".dependency-cruiser.folders.mjs", "lib"],
  ],
  ["unit tests", bin("vitest"), ["run", "--project", "unit"]],
  ["gateway and SMS sandbox contract tests", bin("vitest"), ["run", "--project", "gateway"]],
  [
    "integration tests (PGlite and PostgreSQL)",
    bin("vitest"),
    ["run", "--project", "int-pglite", "--project", "int-postgres"],
  ],
  ["production build", bin("next"), ["build"]],
  ["browser tests", bin("playwright"), ["test"]],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, command, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
