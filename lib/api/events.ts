import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { settledHorizon } from "./settled";
import type { ZApiEventList } from "./schemas";

/**
 * The events feed (GET /api/v1/events): the practice's integration events after a position, in
 * the order of `seq`, each exactly as the webhooks send it. The list stops before the first
 * event (of any practice: `seq` is one sequence) written after the horizon (settledHorizon), so
 * a cursor never passes an event whose transaction has not committed yet.
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
  const horizon = await settledHorizon();
  const rows = await db.$queryRaw<{ id: string; seq: bigint; paymentId: string | null; body: string }[]>`
    WITH held AS (
      SELECT min(seq) AS seq FROM "integration_event" WHERE seq > ${from} AND "createdAt" > ${horizon}::timestamptz
    )
    SELECT e.id, e.seq, e."paymentId", e.body
      FROM "integration_event" e, held
     WHERE e."practiceId" = ${practiceId} AND e.seq > ${from}
       AND (held.seq IS NULL OR e.seq < held.seq)
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
