import { describe, expect, it } from "vitest";
import { deleteOldEvents } from "@/lib/events/cleanup";
import { emitEvent } from "@/lib/events/emit";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { DEMO } from "@/lib/seed/demo-data";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

describe("event retention", () => {
  it("deletes events older than 30 days with their deliveries, in batches, and keeps the rest", async () => {
    const practice = await database.db.practice.findFirstOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    const endpoint = await database.db.webhookEndpoint.create({
      data: {
        practiceId: practice.id,
        url: "https://pms.example.org/hook",
        eventTypes: ["plan.created"],
        secretCiphertext: "x",
      },
    });
    const clock = fixedClock(new Date("2026-01-01T12:00:00Z"));
    setClockForTests(clock);
    try {
      const emit = () =>
        database.db.$transaction((tx) =>
          emitEvent(tx, { practiceId: practice.id, type: "plan.created", data: {} }),
        );
      for (let i = 0; i < 3; i++) await emit(); // 2026-01-01: 36 days before the run
      clock.set(new Date("2026-01-07T12:00:00Z"));
      const kept = await emit(); // 30 days before the run, to the millisecond: kept
      expect(await database.db.webhookDelivery.count()).toBe(4);

      const now = new Date("2026-02-06T12:00:00Z");
      await expect(deleteOldEvents({ now, batch: 2 })).resolves.toBe(3);
      expect((await database.db.integrationEvent.findMany()).map((e) => e.id)).toEqual([kept.id]);
      expect((await database.db.webhookDelivery.findMany()).map((d) => [d.endpointId, d.eventId])).toEqual([
        [endpoint.id, kept.id],
      ]);
      await expect(deleteOldEvents({ now })).resolves.toBe(0);
    } finally {
      setClockForTests(undefined);
    }
  });
});
