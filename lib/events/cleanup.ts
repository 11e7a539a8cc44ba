import "server-only";
import { getDb } from "@/lib/db";

/** How long events are kept (the events feed's window, docs/webhooks.md). */
export const EVENT_RETENTION_DAYS = 30;

/**
 * Deletes events older than 30 days with their webhook deliveries (and their attempt logs), in
 * batches, so a big backlog never holds one long transaction. Returns how many events went.
 */
export const deleteOldEvents = async ({ now, batch = 5000 }: { now: Date; batch?: number }) => {
  const db = await getDb();
  const before = new Date(now.getTime() - EVENT_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const old = await db.integrationEvent.findMany({
      where: { createdAt: { lt: before } },
      select: { id: true },
      take: batch,
    });
    if (old.length === 0) return total;
    const ids = old.map((e) => e.id);
    await db.$transaction([
      db.webhookDelivery.deleteMany({ where: { eventId: { in: ids } } }),
      db.integrationEvent.deleteMany({ where: { id: { in: ids } } }),
    ]);
    total += ids.length;
    if (old.length < batch) return total;
  }
};
