#!/usr/bin/env node
// Runs the Prisma CLI fully offline: the JS engine with a driver adapter (prisma.config.ts),
// and dummy native engine paths so that it never tries to download them.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/true",
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  // The CLI insists on the datasource's url (prisma/schema/schema.prisma) even where the adapter replaces it.
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@localhost/unused",
};
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
