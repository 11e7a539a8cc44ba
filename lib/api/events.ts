import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { SETTLE_MS } from "./cursor";
import type { ZApiEventList } from "./schemas";

/**
 * The events feed (GET /api/v1/events): the practice's integration events after a position, in
 * the order of `seq`, each exactly as the webhooks send it. The gap rule (docs/api.md, "Polling
 * without gaps"): `seq` is taken when an event is written, but its transaction may commit after
 * one with a higher `seq`; the feed lists only events at least SETTLE_MS old, by the database's
 * clock, and stops at the first younger one, so a cursor never moves past an event still
 * committing (an event's transaction commits within moments; one running longer than SETTLE_MS
 * is the limit of this rule).
 */
export const listApiEvents = async ({
  practiceId,
  after,
  limit,
}: {
  practiceId: string;
  after: string | undefined;
  limit: number;
}): Promise<{ list: z.infer<typeof ZApiEventList>; payments: { paymentId: string; eventId: string }[] }> => {
  const db = await getDb();
  const from = BigInt(after ?? "0");
  // The newest position that is safe to show: everything below the first event (of any
  // practice: seq is one sequence) that is younger than SETTLE_MS.
  const rows = await db.$queryRaw<{ id: string; seq: bigint; paymentId: string | null; body: string }[]>`
    WITH horizon AS (
      SELECT min(seq) AS seq FROM "integration_event"
       WHERE seq > ${from} AND "createdAt" > now() - make_interval(secs => ${SETTLE_MS / 1000}::double precision)
    )
    SELECT e.id, e.seq, e."paymentId", e.body
      FROM "integration_event" e, horizon h
     WHERE e."practiceId" = ${practiceId} AND e.seq > ${from}
       AND (h.seq IS NULL OR e.seq < h.seq)
     ORDER BY e.seq
     LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  return {
    list: {
      object: "list",
      data: page.map((r) => JSON.parse(r.body) as z.infer<typeof ZApiEventList>["data"][number]),
      has_more: rows.length > limit,
      next_cursor: String(page.at(-1)?.seq ?? from),
    },
    payments: page.flatMap((r) => (r.paymentId ? [{ paymentId: r.paymentId, eventId: r.id }] : [])),
  };
};
