import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Pieces shared by the daily charge runs (plans, autopay): a worker claims the rows it charges
 * with FOR UPDATE SKIP LOCKED and holds them by a lease (`claimedUntil`), so several workers never
 * take the same row and a crashed worker's claim runs out.
 */

/** How long a worker holds a row it is charging (a crashed worker's claim runs out). */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** When a claim taken at `now` runs out. */
export const leaseUntil = (now: Date) => new Date(now.getTime() + CLAIM_LEASE_MS);

/**
 * "Today" of a practice, from the injectable clock, in SQL: the query must join the practice as
 * `pr`. Days are calendar dates in the practice's zone (docs/product.md §2, Time).
 */
export const practiceToday = (now: Date) =>
  Prisma.sql`(${now}::timestamptz AT TIME ZONE pr."timeZone")::date`;

/** The request context of work the system does on its own (audit rows name the job). */
export const systemContext = (job: string) => ({ ip: null, userAgent: job });
