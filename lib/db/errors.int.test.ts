import { describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { sql } from "@/lib/db/sql";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: false });

describe("isUniqueViolation", () => {
  it("recognises a duplicate key from this database's driver adapter, and nothing else", async () => {
    await database.db.gatewayEvent.create({ data: { eventId: "evt_dup", type: "t", payload: {} } });
    const duplicate = await database.db.gatewayEvent
      .create({ data: { eventId: "evt_dup", type: "t", payload: {} } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const rawDuplicate = await database.db.$executeRaw`
      INSERT INTO "gateway_event" (id, "eventId", type, payload, "updatedAt") VALUES ('raw_dup', 'evt_dup', 't', '{}', now())`.catch(
      (e: unknown) => e,
    );
    expect(isUniqueViolation(rawDuplicate)).toBe(true);
    const missing = await database.db.gatewayEvent
      .update({ where: { eventId: "evt_missing" }, data: { type: "x" } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(missing)).toBe(false);
    const rawOther = await database.db.$executeRaw`SELECT 1 / 0`.catch((e: unknown) => e);
    expect(isUniqueViolation(rawOther)).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
  });

  it("recognises it from a statement run past Prisma Client (the driver's own error), and nothing else", async () => {
    const duplicate = await queryRows(sql`
      INSERT INTO "gateway_event" (id, "eventId", type, payload, "updatedAt") VALUES ('hot_dup', 'evt_dup', 't', '{}', now())`).catch(
      (e: unknown) => e,
    );
    expect(duplicate).toBeInstanceOf(Error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const other = await queryRows(sql`SELECT 1 / 0`).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Error);
    expect(isUniqueViolation(other)).toBe(false);
  });
});
