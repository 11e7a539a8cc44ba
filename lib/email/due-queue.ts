import "server-only";
import { queryRows } from "@/lib/db";
import { sql } from "@/lib/db/sql";

/**
 * A queue of emails owed, kept as a "due at" column on the rows they are about (a payment's
 * receipt, a plan's agreement): made due in the transaction that owes it, claimed by a sender
 * with a five-minute lease, cleared once sent (lib/receipts/receipt-email-queue.ts,
 * lib/plans/agreement-email-queue.ts).
 */

/**
 * Claims up to `limit` rows of `table` whose `column` is due (now or earlier), oldest first, or
 * only the row `id` while anything is owed on it (the request that made it due, sending at once):
 * each is pushed five minutes on (its lease: a sender that dies leaves it due again then), FOR
 * UPDATE SKIP LOCKED, so two senders, in one process or several, never take the same row.
 */
export const claimDueRows = async ({
  table,
  column,
  limit,
  id,
}: {
  table: string;
  column: string;
  limit: number;
  id?: string;
}) => {
  const [rows, due] = [sql.ident(table), sql.ident(column)];
  const isDue = id === undefined ? sql`${due} <= now()` : sql`id = ${id} AND ${due} IS NOT NULL`;
  // Past Prisma Client (docs/database.md, "Hot paths"): every payment's receipt is claimed here.
  return queryRows<{ id: string }>(sql`
    UPDATE ${rows} SET ${due} = now() + interval '5 minutes'
     WHERE id IN (SELECT id FROM ${rows} WHERE ${isDue}
                   ORDER BY ${due} LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`);
};

/**
 * Runs a sender of due emails (a claim of up to `batch` due rows per run) until a run claims
 * fewer than a batch, and sums what the runs did, field by field (claimed, sent, failed …).
 */
export const drainRuns = async <T extends { claimed: number }>(
  run: () => Promise<T>,
  batch: number,
): Promise<T> => {
  let total: T | null = null;
  for (;;) {
    const done = await run();
    total = total ? sumRuns(total, done) : done;
    if (done.claimed < batch) return total;
  }
};

const sumRuns = <T extends { claimed: number }>(a: T, b: T): T => {
  const sum = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) (sum[k] as number) = (a[k] as number) + (b[k] as number);
  return sum;
};
