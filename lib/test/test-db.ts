import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, inject } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { connectClient, setDbForTests, type TOpenDatabase, type TReadRows } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { setReceiptSenderWakeForTests } from "@/lib/receipts/receipt-email-queue";
import { pgliteConnection, postgresConnection, type TSqlConnection } from "@/lib/db/sql";
import { seedDemoData } from "@/lib/seed/demo-data";
import {
  assertLocalDatabaseUrl,
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresAdminUrl,
  withDatabaseName,
} from "@/lib/test/postgres";

export type TTestDbKind = "pglite" | "postgres";

/** Set per vitest project (vitest.config.ts): int-pglite or int-postgres. */
export const testDbKind = (): TTestDbKind => {
  const kind = process.env.TEST_DB_KIND ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres") throw new Error(`TEST_DB_KIND must be pglite or postgres`);
  return kind;
};

export type TTestDatabase = {
  kind: TTestDbKind;
  /** A Prisma Client on this database only. */
  db: PrismaClient;
  /** Raw SQL on the same database (what lib/db/migrate.ts takes). */
  sql: TSqlConnection;
  /** The hot paths' reader on the client's connections (lib/db readRows). */
  read: TReadRows;
  /** Where it is, as openDatabase says it (the job queue needs it). */
  target: TOpenDatabase["target"];
  close: () => Promise<void>;
};

/**
 * A fresh database of the current TEST_DB_KIND: an in-memory PGlite, or a new
 * `portal_test_<random>` PostgreSQL database that close() drops. Migrated unless told not to.
 */
export const openTestDatabase = async ({
  migrate: shouldMigrate = true,
}: { migrate?: boolean } = {}): Promise<TTestDatabase> => {
  if (testDbKind() === "pglite") {
    // A copy of the run's migrated template (lib/test/pglite-global-setup.ts), else a new one.
    const template = shouldMigrate ? inject("pgliteTemplatePath") : undefined;
    const pglite = template
      ? await PGlite.create("memory://", { loadDataDir: new Blob([await readFile(template)]) })
      : await PGlite.create("memory://");
    const sql = pgliteConnection(pglite, { closeOnEnd: false });
    if (shouldMigrate && !template) await migrate(sql);
    const target = { kind: "pglite" as const, pglite };
    const client = await connectClient(target);
    return {
      kind: "pglite",
      db: client.db,
      sql,
      read: client.read,
      target,
      close: async () => {
        await client.close();
        await pglite.close();
      },
    };
  }
  const adminUrl = assertLocalDatabaseUrl(postgresAdminUrl());
  const template = shouldMigrate ? inject("postgresTemplateDb") : undefined;
  const name = await createPostgresDatabase({ adminUrl, template });
  const url = withDatabaseName(adminUrl, name);
  const sql = await postgresConnection(url);
  if (shouldMigrate && !template) await migrate(sql);
  const target = { kind: "postgres" as const, url };
  const client = await connectClient(target, { max: 4 });
  return {
    kind: "postgres",
    db: client.db,
    sql,
    read: client.read,
    target,
    close: async () => {
      await client.close();
      await sql.close();
      await dropPostgresDatabase({ adminUrl, name });
    },
  };
};

/**
 * Gives the calling test file its own migrated database (optionally with the docs/product.md §4 demo
 * data) and installs it as the app's database for the file (`setDbForTests`).
 */
export const setupTestDatabase = ({ seed = false }: { seed?: boolean } = {}) => {
  let handle: TTestDatabase | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase();
    setDbForTests({ db: handle.db, target: handle.target, read: handle.read, close: handle.close });
    setReceiptSenderWakeForTests(false);
    if (seed) await seedDemoData(handle.db);
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await handle?.close();
  });
  const current = () => {
    if (!handle) throw new Error("The test database is opened in beforeAll; use it inside tests.");
    return handle;
  };
  return {
    get db() {
      return current().db;
    },
    get sql() {
      return current().sql;
    },
    get kind() {
      return current().kind;
    },
    get target() {
      return current().target;
    },
  };
};
