#!/usr/bin/env node
// `npm test`: every check and every test, in the order that fails fastest.
// The checks and unit tests (two at a time: the machines have two cores) → integration on PGlite
// and on PostgreSQL side by side, then the production build and the gateway contract tests →
// browser tests.
import { spawn } from "node:child_process";
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

// Each stage starts when the one before has passed. A stage's steps run side by side, at most
// `CONCURRENCY` at a time. The first step's output streams (a long step is never silent); the
// others' is shown whole when each ends.
const stages = [
  [
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
  ],
  // One process per database, side by side, each with its files one after another; then the
  // build and the contract tests on the first core free, beside PGlite's files, the longer run
  // (CI took 635 s, 89 s and 36 s for them one after another; 501 s so, with the contract tests
  // before the build).
  [
    [
      "integration tests on PGlite",
      bin("vitest"),
      ["run", "--project", "int-pglite", "--project", "int-pglite-isolated"],
    ],
    [
      "integration tests on PostgreSQL",
      bin("vitest"),
      ["run", "--project", "int-postgres", "--project", "int-postgres-isolated"],
    ],
    ["production build", bin("next"), ["build"]],
    ["gateway and SMS sandbox contract tests", bin("vitest"), ["run", "--project", "gateway"]],
  ],
  [["browser tests", bin("playwright"), ["test"]]],
];

const CONCURRENCY = 2;
const only = process.argv.slice(2);
const wanted = ([name]) => only.length === 0 || only.some((o) => name.startsWith(o));
const seconds = (ms) => (ms / 1000).toFixed(1);

/** The steps running now, to stop when another fails. */
const running = new Set();
let stopping = false;

/**
 * Runs one step; its output streams, or is kept and shown whole when it ends. A step stopped
 * because another failed says so, and is not counted as a failure of its own.
 */
const run = ([name, command, args], { stream }) =>
  new Promise((resolve) => {
    const t0 = Date.now();
    if (stream) console.log(`\n▶ ${name}`);
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code) => {
      running.delete(child);
      const ok = code === 0;
      const stopped = !ok && stopping;
      if (!stream && !stopped) {
        console.log(`\n▶ ${name}`);
        process.stdout.write(Buffer.concat(output));
      }
      console.log(
        ok
          ? `✔ ${name} (${seconds(Date.now() - t0)}s)`
          : stopped
            ? `■ ${name} stopped after ${seconds(Date.now() - t0)}s: another step failed`
            : `\n✖ ${name} failed after ${seconds(Date.now() - t0)}s`,
      );
      resolve({ ok, code, stopped });
    });
  });

/** Fail fast: after a failure nothing more starts, and the steps still running are stopped. */
const stopTheOthers = () => {
  stopping = true;
  for (const child of running) child.kill("SIGTERM");
};

const started = Date.now();
for (const stage of stages) {
  const queue = stage.filter(wanted);
  const streamed = queue[0];
  const failures = [];
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      if (stopping) return;
      const result = await run(step, { stream: step === streamed });
      if (!result.ok && !result.stopped) {
        failures.push(result.code ?? 1);
        stopTheOthers();
      }
      if (stopping) return;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, lane));
  if (failures.length > 0) process.exit(failures[0]);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
