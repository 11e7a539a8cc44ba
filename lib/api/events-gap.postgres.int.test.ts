import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { postgresConnection } from "@/lib/db/sql";
import { makeEvent, makePractice } from "@/lib/test/api-fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * The classic gap of a seq cursor, for real: a transaction writes an event (a lower seq) and
 * stays open for longer than the feed's 5-second margin while another event (a higher seq) commits.
 * The feed must not hand out a cursor past the first: it waits for it, then lists both in order.
 */
const database = setupTestDatabase();

describe("GET /api/v1/events and a transaction still committing", () => {
  it("never moves the cursor past an event whose transaction has not committed, however long it runs", async () => {
    if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
    const practice = await makePractice(database.db);
    const key = (
      await createApiKey({
        practiceId: practice.id,
        name: "k",
        scope: "read",
        actor: { kind: "command-line" },
      })
    ).key;
    const poll = async (after: string) => {
      const response = await listEvents(
        new Request(`http://localhost:3000/api/v1/events?after=${after}`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
      return (await response.json()) as { data: { id: string }[]; next_cursor: string };
    };

    const writer = await postgresConnection(database.target.url);
    let late: { id: string; seq: bigint } | undefined;
    let slow: { id: string; seq: string } | undefined;
    try {
      await writer.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string; seq: string }>`
          INSERT INTO "integration_event" (id, "practiceId", type, "apiVersion", body, "createdAt")
          VALUES ('evt_slow', ${practice.id}, 'payment.approved', '2026-12-01',
                  '{"id":"evt_slow","type":"payment.approved"}', now())
          RETURNING id, seq::text`;
        slow = row;
        // Another transaction writes a later event and commits at once.
        late = await makeEvent(database.db, { practiceId: practice.id, createdAt: new Date() });
        expect(BigInt(slow!.seq)).toBeLessThan(late.seq);
        // Past the 5 seconds a rule of time alone would wait: the later event is still held back.
        await sleep(6_000);
        const during = await poll("0");
        expect(during).toMatchObject({ data: [], next_cursor: "0" });
      });
    } finally {
      await writer.close();
    }
    const after = await poll("0");
    expect(after.data.map((e) => e.id)).toEqual([slow!.id, late!.id]);
    expect(after.next_cursor).toBe(String(late!.seq));
  });
});
