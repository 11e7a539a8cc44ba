import "server-only";
import { getDatabase, getDb, openBulkConnection } from "@/lib/db";
import { prismaSql, sql, type TSqlFragment } from "@/lib/db/sql";
import { addDays, startOfDayInZone } from "@/lib/dates";
import type { PaymentChannel, PaymentStatus } from "@/lib/generated/prisma/enums";
import type { TCsvSource } from "./csv";
import {
  CHANNEL_FILTERS,
  METHOD_FILTERS,
  STATUS_FILTERS,
  encodeTransactionCursor,
  isTimeSort,
  type TSort,
  type TTransactionCursor,
  type TTransactionFilters,
} from "./filters";

/**
 * The staff transactions list (docs/reports.md): a practice's payments with the filters of the
 * page's address, in pages (keyset: where the last row sat in the order), with the totals of
 * everything the filters select, and the same rows streamed for the CSV export. One SQL builder
 * (`transactionsWhere`) serves the list, the totals, the CSV and the dashboard's links, so that
 * they cannot disagree.
 */

export const PAGE_SIZE = 50;

export type TTransactionScope = { practiceId: string; timeZone: string };

/** The instants a filter's calendar days stand for, in the practice's zone: [start, end). */
export const dayRange = ({ from, to }: { from?: Date; to?: Date }, timeZone: string) => ({
  start: from ? startOfDayInZone(from, timeZone) : undefined,
  end: to ? startOfDayInZone(addDays(to, 1), timeZone) : undefined,
});

/** The WHERE of every read of the list: the practice first, then each filter that is set. */
export const transactionsWhere = (
  { practiceId, timeZone }: TTransactionScope,
  f: Omit<TTransactionFilters, "sort" | "after">,
): TSqlFragment => {
  const parts: TSqlFragment[] = [sql`p."practiceId" = ${practiceId}`];
  const { start, end } = dayRange(f, timeZone);
  if (start) parts.push(sql`p."createdAt" >= ${start}::timestamptz`);
  if (end) parts.push(sql`p."createdAt" < ${end}::timestamptz`);
  if (f.status) {
    const statuses: readonly PaymentStatus[] = STATUS_FILTERS[f.status].statuses;
    parts.push(
      statuses.length === 1
        ? sql`p.status = ${statuses[0]}::"PaymentStatus"`
        : sql`p.status = ANY(${[...statuses]}::text[]::"PaymentStatus"[])`,
    );
  }
  if (f.method) parts.push(sql`p."methodKind" = ${METHOD_FILTERS[f.method].kind}::"PaymentMethodKind"`);
  if (f.channel) {
    const { channels, payer } = CHANNEL_FILTERS[f.channel];
    const list: readonly PaymentChannel[] = channels;
    parts.push(
      list.length === 1
        ? sql`p.channel = ${list[0]}::"PaymentChannel"`
        : sql`p.channel = ANY(${[...list]}::text[]::"PaymentChannel"[])`,
    );
    if (payer === "login") parts.push(sql`p."payerUserId" IS NOT NULL`);
    if (payer === "none") parts.push(sql`p."payerUserId" IS NULL`);
  }
  if (f.min !== undefined) parts.push(sql`p."amountCents" >= ${f.min}::int`);
  if (f.max !== undefined) parts.push(sql`p."amountCents" <= ${f.max}::int`);
  if (f.staff) parts.push(sql`p."takenByUserId" = ${f.staff}`);
  if (f.receipt) parts.push(sql`p."receiptNumber" = ${f.receipt}`);
  if (f.last4) parts.push(sql`p.last4 = ${f.last4}`);
  if (f.account) {
    parts.push(
      sql`p."accountId" IN (SELECT a.id FROM "account" a WHERE a."practiceId" = ${practiceId} AND a."accountNumber" = ${f.account})`,
    );
  }
  if (f.batch) {
    parts.push(sql`EXISTS (SELECT 1 FROM "settlement_batch_item" i JOIN "settlement_batch" b ON b.id = i."batchId"
                    WHERE i."paymentId" = p.id AND b.id = ${f.batch} AND b."practiceId" = ${practiceId})`);
  }
  return sql.join(parts, " AND ");
};

const ORDER: Record<TSort, { column: TSqlFragment; direction: TSqlFragment; after: TSqlFragment }> = {
  newest: { column: sql`p."createdAt"`, direction: sql.raw("DESC"), after: sql.raw("<") },
  oldest: { column: sql`p."createdAt"`, direction: sql.raw("ASC"), after: sql.raw(">") },
  amount_desc: { column: sql`p."amountCents"`, direction: sql.raw("DESC"), after: sql.raw("<") },
  amount_asc: { column: sql`p."amountCents"`, direction: sql.raw("ASC"), after: sql.raw(">") },
};

/** The rows of the list in its order, after the cursor, at most `limit` (all when null). */
export const transactionRowsQuery = (
  scope: TTransactionScope,
  f: TTransactionFilters,
  { after, limit }: { after: TTransactionCursor | null; limit: number | null },
): TSqlFragment => {
  const order = ORDER[f.sort];
  const keyset = after
    ? sql` AND (${order.column}, p.id) ${order.after} (${
        after.key instanceof Date ? sql`${after.key}::timestamptz` : sql`${after.key}::int`
      }, ${after.id})`
    : sql.empty;
  return sql`
    SELECT p.id, p."createdAt", p."receiptNumber", a."accountNumber", p."payerName", p.channel,
           p."payerUserId", p."methodKind", p.brand, p.last4, p.status, p."amountCents", p."refundedCents",
           p.currency, p."takenByUserId", t."firstName" AS "takenByFirstName", t."lastName" AS "takenByLastName"
      FROM "payment" p
      JOIN "account" a ON a.id = p."accountId"
      LEFT JOIN "user" t ON t.id = p."takenByUserId"
     WHERE ${transactionsWhere(scope, f)}${keyset}
     ORDER BY ${order.column} ${order.direction}, p.id ${order.direction}
     ${limit === null ? sql.empty : sql`LIMIT ${limit}`}`;
};

/** A row of the list: what the CSV writes, and who took it. */
export type TTransactionRow = TCsvSource & { takenByUserId: string | null };

/** A driver's answer as a Date (PGlite and pg give Dates for timestamptz; a string is read as one). */
const asDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

const normalise = (row: TTransactionRow): TTransactionRow => ({ ...row, createdAt: asDate(row.createdAt) });

const cursorOf = (sort: TSort, row: TTransactionRow) =>
  encodeTransactionCursor({ sort, key: isTimeSort(sort) ? row.createdAt : row.amountCents, id: row.id });

/** A page of the list: its rows, and the cursor of the next page when there is one. */
export const listTransactions = async ({
  scope,
  filters,
  limit = PAGE_SIZE,
}: {
  scope: TTransactionScope;
  filters: TTransactionFilters;
  limit?: number;
}): Promise<{ rows: TTransactionRow[]; nextCursor: string | null }> => {
  const db = await getDb();
  const found = await db.$queryRaw<TTransactionRow[]>(
    prismaSql(transactionRowsQuery(scope, filters, { after: filters.after, limit: limit + 1 })),
  );
  const rows = found.slice(0, limit).map(normalise);
  const last = rows.at(-1);
  return { rows, nextCursor: found.length > limit && last ? cursorOf(filters.sort, last) : null };
};

export type TTransactionTotals = { count: number; amountCents: number; refundedCents: number };

/** How many payments the filters select, and their amounts and refunds summed (integer cents). */
export const transactionTotals = async ({
  scope,
  filters,
}: {
  scope: TTransactionScope;
  filters: TTransactionFilters;
}): Promise<TTransactionTotals> => {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ count: number; amountCents: bigint; refundedCents: bigint }[]>(
    prismaSql(sql`
      SELECT count(*)::int AS count, coalesce(sum(p."amountCents"), 0)::bigint AS "amountCents",
             coalesce(sum(p."refundedCents"), 0)::bigint AS "refundedCents"
        FROM "payment" p WHERE ${transactionsWhere(scope, filters)}`),
  );
  return {
    count: Number(row?.count ?? 0),
    amountCents: Number(row?.amountCents ?? 0),
    refundedCents: Number(row?.refundedCents ?? 0),
  };
};

/** Rows fetched from the cursor at a time (and the page size of the keyset walk on PGlite). */
export const STREAM_BATCH = 2_000;

/**
 * Every row the filters select, in the list's order (the cursor is ignored: from the first
 * row), a batch at a time: on PostgreSQL through a server-side cursor on a connection of its own
 * (`DECLARE … NO SCROLL CURSOR`, `FETCH`), so a million rows are never in memory at once; on
 * PGlite, whose one session a long transaction would hold while a browser reads slowly, as a walk
 * of keyset pages of the same query, one statement each.
 */
export async function* streamTransactions({
  scope,
  filters,
  batchSize = STREAM_BATCH,
}: {
  scope: TTransactionScope;
  filters: TTransactionFilters;
  batchSize?: number;
}): AsyncGenerator<TTransactionRow> {
  const { target } = await getDatabase();
  if (target.kind !== "postgres") {
    let after: TTransactionCursor | null = null;
    for (;;) {
      const { rows, nextCursor } = await listTransactions({
        scope,
        filters: { ...filters, after },
        limit: batchSize,
      });
      yield* rows;
      const last = rows.at(-1);
      if (!nextCursor || !last) return;
      after = {
        sort: filters.sort,
        key: isTimeSort(filters.sort) ? last.createdAt : last.amountCents,
        id: last.id,
      };
    }
  }
  const conn = await openBulkConnection();
  let isOpen = false;
  try {
    await conn.run`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`;
    isOpen = true;
    // Every row will be read: plan for all of them, not the first tenth (a cursor's default).
    await conn.run`SET LOCAL cursor_tuple_fraction = 1.0`;
    await conn.run(
      sql`DECLARE transactions_csv NO SCROLL CURSOR FOR ${transactionRowsQuery(scope, filters, { after: null, limit: null })}`,
    );
    const fetch = sql`FETCH ${sql.raw(String(Math.trunc(batchSize)))} FROM transactions_csv`;
    for (;;) {
      const rows = await conn.query<TTransactionRow>(fetch);
      for (const row of rows) yield normalise(row);
      if (rows.length < batchSize) break;
    }
    await conn.run`COMMIT`;
    isOpen = false;
  } finally {
    if (isOpen) await conn.run`ROLLBACK`.catch(() => undefined);
    await conn.close();
  }
}

/** The practice's staff, for the list's "taken by" filter (names, by last name). */
export const listPracticeStaff = async ({ practiceId }: { practiceId: string }) => {
  const db = await getDb();
  return db.user.findMany({
    where: { practiceId, role: { not: "PATIENT" } },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    select: { id: true, firstName: true, lastName: true },
  });
};

/** The practice's scope for its reports: its id and its time zone (its days are the reports' days). */
export const getReportScope = async ({ practiceId }: { practiceId: string }): Promise<TTransactionScope> => {
  const db = await getDb();
  const practice = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { timeZone: true },
  });
  return { practiceId, timeZone: practice.timeZone };
};
