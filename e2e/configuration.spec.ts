import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "./support/fixtures";

// The built server checks every secret before it serves anything (lib/env.ts, instrumentation.ts).

const root = path.resolve(import.meta.dirname, "..");

/** Starts the production server (scripts/server.mjs) with only `env`; its exit code and output. */
const startServer = (env: { NODE_ENV: "production" } & Record<string, string>) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: "3198",
        ...env,
      } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

test("a portal pointed at another gateway without its own secrets stops at start, naming each variable", async () => {
  const { code, output } = await startServer({
    NODE_ENV: "production",
    GATEWAY_URL: "https://api.processor.example",
  });
  expect(code).toBe(1);
  expect(output).toContain(
    "GATEWAY_API_KEY is not set (required when GATEWAY_URL is https://api.processor.example)",
  );
  expect(output).toContain("GATEWAY_WEBHOOK_SECRET is not set");
  expect(output).toContain("NEXTAUTH_SECRET is not set");
  expect(output).not.toContain("Ready on port");
});

test("a production server given the sandbox's published secrets stops at start", async () => {
  const { code, output } = await startServer({
    NODE_ENV: "production",
    GATEWAY_URL: "http://localhost:4000",
    GATEWAY_API_KEY: "sk_sandbox_portal",
    GATEWAY_WEBHOOK_SECRET: "whsec_sandbox_portal",
    NEXTAUTH_SECRET: "x".repeat(40),
  });
  expect(code).toBe(1);
  expect(output).toContain("GATEWAY_API_KEY is the sandbox's published value");
  expect(output).toContain("GATEWAY_WEBHOOK_SECRET is the sandbox's published value");
  expect(output).not.toContain("NEXTAUTH_SECRET");
});

test("a server given a timeout that is not a number of seconds stops at start, naming it", async () => {
  const { code, output } = await startServer({
    NODE_ENV: "production",
    GATEWAY_URL: "https://api.processor.example",
    GATEWAY_API_KEY: "sk_live_0123456789abcdef",
    GATEWAY_WEBHOOK_SECRET: "whsec_0123456789abcdef0123456789",
    NEXTAUTH_SECRET: "a".repeat(43),
    KEEP_ALIVE_TIMEOUT_SECONDS: "65s",
    SHUTDOWN_TIMEOUT_SECONDS: "1e9",
  });
  expect(code).toBe(1);
  expect(output).toContain("KEEP_ALIVE_TIMEOUT_SECONDS: Invalid input: expected number");
  expect(output).toContain("SHUTDOWN_TIMEOUT_SECONDS: Too big: expected number to be <=86400");
  expect(output).not.toContain("Ready on port");
});
