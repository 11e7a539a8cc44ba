import "server-only";
import { getDb } from "@/lib/db";
import { SETTLE_MS } from "./cursor";

/**
 * How far the lists and the events feed may go (docs/api.md, "Polling without gaps"). A change
 * is stamped (a payment's `updatedAt`, an event's `createdAt` and `seq`) when it is written, but
 * its transaction may commit after a later one's: a cursor that moved past it would never see
 * it. So callers show only what was stamped before the horizon: SETTLE_MS before the start of
 * the oldest transaction of this database that is still running and has written anything
 * (PostgreSQL's pg_stat_activity), or before now when there is none. A change still committing
 * was stamped after its transaction started, so it is beyond the horizon, and the cursor stops
 * before it; the margin covers clocks that differ between instances (Prisma stamps `updatedAt`
 * with the writer's clock). PGlite runs one transaction at a time: there it is SETTLE_MS ago.
 */
export const settledHorizon = async (): Promise<Date> => {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ at: Date }[]>`
    SELECT LEAST(now(), COALESCE(min(xact_start), now()))
           - make_interval(secs => ${SETTLE_MS / 1000}::double precision) AS at
      FROM pg_stat_activity
     WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`;
  return row!.at;
};
