import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { TSqlConnection } from "./sql";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_KEY = 72_010_001;

export type TMigration = { name: string; sql: string; checksum: string };

export const readMigrations = async (dir = MIGRATIONS_DIR): Promise<TMigration[]> => {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
};

/**
 * Applies Prisma's migration files in order, each in its own transaction, recording them in
 * Prisma's own `_prisma_migrations` table so that `prisma migrate status` reads the same
 * history. Works the same on PostgreSQL and PGlite (Prisma's migrate through the pg driver
 * adapter cannot: prisma/prisma#27403). An advisory lock keeps two instances that start
 * together from racing.
 */
export const migrate = async (
  conn: TSqlConnection,
  { dir = MIGRATIONS_DIR, log = () => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> => {
  const migrations = await readMigrations(dir);
  await conn.run`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;
  await conn.query`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
  try {
    const rows = await conn.query<{ migration_name: string; checksum: string }>`
      SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this code does not know: ${unknown.join(", ")}. Is the code older than the database?`,
      );
    }
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was edited after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      log(`applying migration ${m.name}`);
      await conn.run`BEGIN`;
      try {
        // A migration file holds several statements: it runs as a script.
        await conn.execScript(m.sql);
        await conn.run`
          INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
          VALUES (${randomUUID()}, ${m.checksum}, ${m.name}, now(), 1)`;
        await conn.run`COMMIT`;
      } catch (error) {
        await conn.run`ROLLBACK`;
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await conn.query`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  }
};
