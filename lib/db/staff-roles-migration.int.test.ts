import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { openTestDatabase, type TTestDatabase } from "@/lib/test/test-db";

const STAFF_ROLES_MIGRATION = "20261206121911_staff_roles";

describe("the staff roles migration", () => {
  let database: TTestDatabase;
  let before: string;

  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
    // The migrations as they were before the staff roles: STAFF still a role.
    before = await mkdtemp(path.join(tmpdir(), "portal-roles-"));
    for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name < STAFF_ROLES_MIGRATION) {
        await cp(path.join(MIGRATIONS_DIR, entry.name), path.join(before, entry.name), { recursive: true });
      }
    }
    await migrate(database.sql, { dir: before });
  });
  afterAll(async () => {
    await database?.close();
    await rm(before, { recursive: true, force: true });
  });

  it("makes every STAFF user a BILLING_MANAGER and leaves admins and patients as they were", async () => {
    await database.sql.run`
      INSERT INTO "user" (id, email, role, "firstName", "lastName", "updatedAt") VALUES
        ('u_staff', 'staff@old.example', 'STAFF', 'S', 'S', now()),
        ('u_admin', 'admin@old.example', 'ADMIN', 'A', 'A', now()),
        ('u_patient', 'pat@old.example', 'PATIENT', 'P', 'P', now())`;
    expect(await migrate(database.sql)).toContain(STAFF_ROLES_MIGRATION);
    const rows = await database.sql.query<{ id: string; role: string }>`
      SELECT id, role::text AS role FROM "user" ORDER BY id`;
    expect(rows).toEqual([
      { id: "u_admin", role: "ADMIN" },
      { id: "u_patient", role: "PATIENT" },
      { id: "u_staff", role: "BILLING_MANAGER" },
    ]);
    const [practice] = await database.sql.query<{ d: string }>`
      SELECT column_default AS d FROM information_schema.columns
       WHERE table_name = 'practice' AND column_name = 'largeRefundThresholdCents'`;
    expect(practice?.d).toBe("50000");
  });
});
