import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The Prisma CLI runs fully offline on the JS engine with a PGlite adapter. It is used to
// author migrations (`npm run db:migration`) and to check drift; applying migrations at run
// time goes through lib/db/migrate.ts so that PostgreSQL and PGlite take the same SQL.
// The schema is the folder prisma/schema (one file a domain). Prisma would look for the
// migrations beside the datasource's file, so their folder is named too.
export default defineConfig({
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPGlite(new PGlite(process.env.PRISMA_CLI_PGLITE_DIR ?? "memory://"));
  },
});
