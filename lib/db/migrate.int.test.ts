import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { openTestDatabase, type TTestDatabase } from "@/lib/test/test-db";

describe("migrate", () => {
  let empty: TTestDatabase;
  let names: string[];

  beforeAll(async () => {
    empty = await openTestDatabase({ migrate: false });
    names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  });
  afterAll(async () => {
    await empty?.close();
  });

  it("applies every migration once, in order, and nothing the second time", async () => {
    expect(names.length).toBeGreaterThan(0);
    expect(await migrate(empty.sql)).toEqual(names);
    expect(await migrate(empty.sql)).toEqual([]);
  });

  it("records each migration in _prisma_migrations with its checksum", async () => {
    const rows = await empty.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    const expected = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(
      expected.map((m) => [m.name, m.checksum]),
    );
    rows.forEach((r) => expect(r.finished_at).not.toBeNull());
  });

  it("creates the tables the app uses", async () => {
    const tables = await empty.sql.query<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "practice",
        "user",
        "account",
        "statement",
        "payment",
        "audit_log",
        "outbox_email",
      ]),
    );
  });

  describe("with a changed migration folder", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "portal-migrations-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("refuses a migration that was edited after it was applied", async () => {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const first = names[0]!;
      await writeFile(path.join(dir, first, "migration.sql"), "-- edited\nSELECT 1;\n");
      await expect(migrate(empty.sql, { dir })).rejects.toThrow(/was edited after it was applied/);
    });

    it("refuses a database that has migrations the code does not know", async () => {
      const older = path.join(dir, "older");
      await cp(MIGRATIONS_DIR, older, { recursive: true });
      await rm(path.join(older, names.at(-1)!), { recursive: true });
      await expect(migrate(empty.sql, { dir: older })).rejects.toThrow(/migrations this code does not know/);
    });

    it("rolls back a failing migration and records nothing for it", async () => {
      const broken = path.join(dir, "broken");
      await cp(MIGRATIONS_DIR, broken, { recursive: true });
      await mkdir(path.join(broken, "99999999999999_broken"));
      await writeFile(
        path.join(broken, "99999999999999_broken", "migration.sql"),
        `CREATE TABLE "half_done" ("id" TEXT); SELECT * FROM "no_such_table";`,
      );
      await expect(migrate(empty.sql, { dir: broken })).rejects.toThrow(
        /Migration 99999999999999_broken failed/,
      );
      const [halfDone] = await empty.sql.query<{ exists: boolean }>`
        SELECT to_regclass('public.half_done') IS NOT NULL AS "exists"`;
      expect(halfDone?.exists).toBe(false);
      const recorded = await empty.sql.query`
        SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`;
      expect(recorded).toHaveLength(0);
    });
  });

  describe("the audit log", () => {
    const actionOfAudit1 = () =>
      empty.sql.query<{ action: string }>`SELECT action FROM "audit_log" WHERE id = 'audit-1'`;

    it("accepts new rows", async () => {
      await empty.sql.run`
        INSERT INTO "audit_log" ("id", "actorRole", "action") VALUES ('audit-1', 'SYSTEM', 'test.append')`;
      expect(await actionOfAudit1()).toEqual([{ action: "test.append" }]);
    });

    it("refuses UPDATE", async () => {
      await expect(
        empty.sql.run`UPDATE "audit_log" SET "action" = 'tampered' WHERE id = 'audit-1'`,
      ).rejects.toThrow(/append-only/);
    });

    it("refuses DELETE", async () => {
      await expect(empty.sql.run`DELETE FROM "audit_log" WHERE id = 'audit-1'`).rejects.toThrow(
        /append-only/,
      );
      expect(await actionOfAudit1()).toEqual([{ action: "test.append" }]);
    });

    it("refuses TRUNCATE", async () => {
      await expect(empty.sql.run`TRUNCATE "audit_log"`).rejects.toThrow(/append-only/);
      expect(await actionOfAudit1()).toEqual([{ action: "test.append" }]);
    });
  });
});
