import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

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

// Integration files run twice, once per database, each database's files one after another in one
// process that keeps its modules from file to file (`isolate: false`): a new process and module
// graph per file cost about 0.7 s of imports and a PGlite start each, near half the run. Every
// file opens a database of its own (lib/test/test-db.ts) and lib/test/int-file-setup.ts puts
// the shared seams back after each file.
const integration = {
  include: ["**/*.int.test.ts"],
  environment: "node" as const,
  testTimeout: 60_000,
  hookTimeout: 180_000,
  maxWorkers: 1,
  isolate: false,
  setupFiles: ["lib/test/int-file-setup.ts"],
};

// A file that mocks modules (`vi.mock`) needs modules of its own: another file may already have
// loaded the real ones. Such files run in the `-isolated` projects, one process per file.
const SKIPPED_FOLDERS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "generated"]);
const intTestFiles = (folder: string): string[] =>
  readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const file = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : intTestFiles(file);
    return entry.name.endsWith(".int.test.ts") ? [file] : [];
  });
const mockingFiles = intTestFiles("")
  .filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(path.join(root, file), "utf8")))
  .sort();

/**
 * The two projects of one database: the shared-process one, and the isolated one for
 * `mockingFiles`. `otherDatabaseOnly`: the files that run on the other database only.
 */
const integrationProjects = (
  name: string,
  { kind, otherDatabaseOnly, globalSetup }: { kind: string; otherDatabaseOnly: string; globalSetup: string },
): TestProjectInlineConfiguration[] => [
  {
    extends: true,
    test: {
      ...integration,
      name,
      exclude: [...exclude, otherDatabaseOnly, ...mockingFiles],
      env: { TEST_DB_KIND: kind },
      globalSetup: [globalSetup],
    },
  },
  {
    extends: true,
    test: {
      ...integration,
      name: `${name}-isolated`,
      include: mockingFiles,
      exclude: [...exclude, otherDatabaseOnly],
      isolate: true,
      env: { TEST_DB_KIND: kind },
      globalSetup: [globalSetup],
    },
  },
];

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
      // Several processes on one database need a server: *.postgres.int.test.ts run on
      // PostgreSQL only. The schema drift check compares two PGlite databases: PGlite only.
      ...integrationProjects("int-pglite", {
        kind: "pglite",
        otherDatabaseOnly: "**/*.postgres.int.test.ts",
        globalSetup: "lib/test/pglite-global-setup.ts",
      }),
      ...integrationProjects("int-postgres", {
        kind: "postgres",
        otherDatabaseOnly: "**/*.pglite.int.test.ts",
        globalSetup: "lib/test/postgres-global-setup.ts",
      }),
      {
        extends: true,
        test: {
          // The sandbox gateway's contract tests: each file starts the real gateway over HTTP on
          // port 0 (PGlite in memory or a temporary directory); the browser test drives Chromium.
          // The sandbox SMS server's tests and contract test too (sms-sandbox/). Two files at a
          // time: each server is on a port of its own, and `npm test` runs them when one database's
          // integration tests have finished (one file at a time: 171 s beside PGlite's, in CI 117 s
          // alone).
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
