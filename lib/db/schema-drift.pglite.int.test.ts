import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { pgliteConnection, type TSqlConnection } from "@/lib/db/sql";
import { catalogSnapshot, type TCatalogSnapshot } from "@/lib/test/catalog-snapshot";

/**
 * The schema (the folder prisma/schema, one file a domain) and prisma/migrations must describe
 * the same database. The SQL that Prisma derives from the schema goes into one empty database,
 * the migrations into another, and their catalogs must match. Runs on PGlite only
 * (int-pglite): it needs no PostgreSQL server.
 *
 * To see it fail, point it at an edited copy of the schema folder:
 *   cp -r prisma/schema /tmp/schema  # then edit a model in /tmp/schema
 *   DRIFT_CHECK_SCHEMA=/tmp/schema npx vitest run --project int-pglite schema-drift
 */
const SCHEMA = process.env.DRIFT_CHECK_SCHEMA ?? path.join(process.cwd(), "prisma", "schema");

const schemaSql = async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["scripts/prisma.mjs", "migrate", "diff", "--from-empty", "--to-schema-datamodel", SCHEMA, "--script"],
    { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout;
};

describe("the schema and the migrations", () => {
  let fromSchema: TSqlConnection;
  let fromMigrations: TSqlConnection;
  let expected: TCatalogSnapshot;

  beforeAll(async () => {
    const [sql, a, b] = await Promise.all([
      schemaSql(),
      PGlite.create("memory://"),
      PGlite.create("memory://"),
    ]);
    expect(sql).toMatch(/CREATE TABLE "user"/);
    fromSchema = pgliteConnection(a);
    fromMigrations = pgliteConnection(b);
    await fromSchema.execScript(sql);
    await migrate(fromMigrations);
    expected = await catalogSnapshot(fromSchema);
  });
  afterAll(async () => {
    await fromSchema?.close();
    await fromMigrations?.close();
  });

  it("describe the same tables, columns, indexes, constraints and enums", async () => {
    const actual = await catalogSnapshot(fromMigrations);
    expect(actual.tables).toEqual(expected.tables);
    expect(actual.enums).toEqual(expected.enums);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.constraints).toEqual(expected.constraints);
  });

  it("cover the whole domain (the comparison is not of two empty catalogs)", () => {
    expect(expected.tables.length).toBeGreaterThanOrEqual(20);
    expect(expected.enums.map((e) => e.name)).toContain("Role");
    expect(expected.constraints.some((c) => c.type === "f")).toBe(true);
  });

  // The comparison must notice each kind of change a schema edit can make without a migration.
  it.each([
    ["a new field", `ALTER TABLE "user" ADD COLUMN "nickname" TEXT`],
    ["a new model", `CREATE TABLE "note" ("id" TEXT NOT NULL PRIMARY KEY)`],
    ["an optional field made required", `ALTER TABLE "statement" ALTER COLUMN "providerName" SET NOT NULL`],
    ["a changed default", `ALTER TABLE "practice" ALTER COLUMN "planMaxMonths" SET DEFAULT 36`],
    ["a changed type", `ALTER TABLE "payment" ALTER COLUMN "amountCents" TYPE BIGINT`],
    ["a new index", `CREATE INDEX "user_phone_idx" ON "user"("phone")`],
    ["a new unique", `ALTER TABLE "account" ADD CONSTRAINT "account_email_key" UNIQUE ("email")`],
    [
      "a changed onDelete",
      `ALTER TABLE "account_link" DROP CONSTRAINT "account_link_userId_fkey",
         ADD CONSTRAINT "account_link_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id")
         ON DELETE RESTRICT ON UPDATE CASCADE`,
    ],
    ["a new enum value", `ALTER TYPE "Role" ADD VALUE 'RECEPTIONIST'`],
  ])("notices %s", async (_change, ddl) => {
    await fromSchema.run`BEGIN`;
    try {
      await fromSchema.execScript(ddl);
      expect(await catalogSnapshot(fromSchema)).not.toEqual(expected);
    } finally {
      await fromSchema.run`ROLLBACK`;
    }
    expect(await catalogSnapshot(fromSchema)).toEqual(expected);
  });
});
