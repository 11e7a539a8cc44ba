import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupPostgres, libpqEnv, restorePostgres } from "@/lib/db/backup";
import { postgresConnection, type TSqlConnection } from "@/lib/db/sql";
import { setupTestDatabase } from "@/lib/test/test-db";

/** `npm run backup` and `npm run restore` on PostgreSQL: pg_dump's custom format, pg_restore. */
const database = setupTestDatabase({ seed: true });

describe("backing up and restoring PostgreSQL", () => {
  it("restores a backup into an empty database with the same rows", async () => {
    if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
    const dir = await mkdtemp(path.join(tmpdir(), "portal-pg-backup-"));
    const name = `restore_${randomUUID().slice(0, 8)}`;
    const target = new URL(database.target.url);
    target.pathname = `/${name}`;
    const admin = await postgresConnection(database.target.url);
    try {
      const file = path.join(dir, "portal.dump");
      const done = await backupPostgres(database.target.url, file);
      expect(done.bytes).toBeGreaterThan(0);

      await admin.execScript(`CREATE DATABASE "${name}"`);
      await restorePostgres(file, target.toString());
      const copy = await postgresConnection(target.toString());
      try {
        const counts = async (c: TSqlConnection) =>
          (
            await c.query<Record<string, number>>`
              SELECT (SELECT count(*) FROM "statement")::int AS statements,
                     (SELECT count(*) FROM "user")::int AS users,
                     (SELECT count(*) FROM "_prisma_migrations")::int AS migrations`
          )[0];
        const original = await counts(database.sql);
        const restored = await counts(copy);
        expect(original!.statements).toBeGreaterThan(0);
        expect(restored).toEqual(original);
      } finally {
        await copy.close();
      }
    } finally {
      await admin.execScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("gives pg_dump the password through the environment, never on its command line", () => {
    expect(libpqEnv("postgres://portal:s%40cret@db.internal:6432/portal?sslmode=require")).toEqual({
      PGHOST: "db.internal",
      PGPORT: "6432",
      PGDATABASE: "portal",
      PGUSER: "portal",
      PGPASSWORD: "s@cret",
      PGSSLMODE: "require",
    });
  });
});
