import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

const exclude = [
  "**/node_modules/**",
  "**/.next/**",
  "e2e/**",
  "lib/generated/**",
  ".data/**",
  "test-results/**",
  "playwright-report/**",
];

// Integration files run twice, once per database. argon2 hashing and PGlite start-up are slow-ish,
// and two cores are shared with the rest of the toolchain, so each project runs one file at a time.
const integration = {
  include: ["**/*.int.test.ts"],
  environment: "node" as const,
  testTimeout: 60_000,
  hookTimeout: 180_000,
  maxWorkers: 1,
};

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Next.js enforces `server-only` at build time; under vitest it is a no-op.
      { find: /^server-only$/, replacement: path.join(root, "lib/test/server-only.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          // gateway/ has its own project (below): its contract tests start the real server.
          exclude: [...exclude, "**/*.int.test.ts", "gateway/**", "sms-sandbox/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          ...integration,
          name: "int-pglite",
          // Several processes on one database need a server: PostgreSQL only.
          exclude: [...exclude, "**/*.postgres.int.test.ts"],
          env: { TEST_DB_KIND: "pglite" },
          globalSetup: ["lib/test/pglite-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          ...integration,
          name: "int-postgres",
          // The schema drift check compares two PGlite databases; it needs no second run.
          exclude: [...exclude, "**/*.pglite.int.test.ts"],
          env: { TEST_DB_KIND: "postgres" },
          globalSetup: ["lib/test/postgres-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          // The sandbox gateway's contract tests: each file starts the real gateway over HTTP on
          // port 0 (PGlite in memory or a temporary directory); the browser test drives Chromium.
          // The sandbox SMS server's tests and contract test too (sms-sandbox/). Two files at a
          // time: each server is on a port of its own, and this stage runs alone (it took 117 s
          // one file at a time in CI).
          name: "gateway",
          include: ["gateway/**/*.test.ts", "sms-sandbox/**/*.test.ts"],
          exclude,
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
