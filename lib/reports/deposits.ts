import "server-only";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The practice's deposits: the gateway's settlement batches (lib/settlements), each with what
 * the gateway says it deposited (its count, net total, returns and trace number) and what its
 * transactions stored here add up to, by kind. A batch reconciles when its sales less its
 * refunds, returns and chargebacks are its net total; the transactions list filtered to the
 * batch (`?batch=`) shows its payments.
 */

export type TDeposit = {
  id: string;
  traceNumber: string;
  effectiveDate: Date;
  settledAt: Date;
  itemCount: number;
  totalCents: number;
  returnsCents: number;
  /** The transactions stored for the batch (those of payments we know), and their sums by kind. */
  storedItems: number;
  salesCents: number;
  refundsCents: number;
  itemReturnsCents: number;
  chargebacksCents: number;
  /** Sales − refunds − returns − chargebacks of the stored transactions. */
  netOfItemsCents: number;
  isReconciled: boolean;
};

type TDepositRow = Omit<TDeposit, "netOfItemsCents" | "isReconciled" | "storedItems"> & {
  storedItems: number | bigint;
  salesCents: number | bigint;
  refundsCents: number | bigint;
  itemReturnsCents: number | bigint;
  chargebacksCents: number | bigint;
};

const depositsQuery = (where: Prisma.Sql, tail: Prisma.Sql) => Prisma.sql`
  SELECT b.id, b."traceNumber", b."effectiveDate", b."settledAt", b."itemCount", b."totalCents", b."returnsCents",
         count(i.id)::int AS "storedItems",
         coalesce(sum(i."amountCents") FILTER (WHERE i.kind = 'SALE'), 0)::bigint AS "salesCents",
         coalesce(sum(i."amountCents") FILTER (WHERE i.kind = 'REFUND'), 0)::bigint AS "refundsCents",
         coalesce(sum(i."amountCents") FILTER (WHERE i.kind = 'RETURN'), 0)::bigint AS "itemReturnsCents",
         coalesce(sum(i."amountCents") FILTER (WHERE i.kind = 'CHARGEBACK'), 0)::bigint AS "chargebacksCents"
    FROM "settlement_batch" b
    LEFT JOIN "settlement_batch_item" i ON i."batchId" = b.id
   WHERE ${where}
   GROUP BY b.id
   ${tail}`;

const toDeposit = (r: TDepositRow): TDeposit => {
  const salesCents = Number(r.salesCents);
  const refundsCents = Number(r.refundsCents);
  const itemReturnsCents = Number(r.itemReturnsCents);
  const chargebacksCents = Number(r.chargebacksCents);
  const netOfItemsCents = salesCents - refundsCents - itemReturnsCents - chargebacksCents;
  return {
    ...r,
    storedItems: Number(r.storedItems),
    salesCents,
    refundsCents,
    itemReturnsCents,
    chargebacksCents,
    netOfItemsCents,
    isReconciled: netOfItemsCents === r.totalCents && Number(r.storedItems) === r.itemCount,
  };
};

export const DEPOSITS_PAGE_SIZE = 50;

/** A page of the practice's deposits, the latest settlement first, and how many there are. */
export const listDeposits = async ({ practiceId, page }: { practiceId: string; page: number }) => {
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.$queryRaw<TDepositRow[]>(
      depositsQuery(
        Prisma.sql`b."practiceId" = ${practiceId}`,
        Prisma.sql`ORDER BY b."settledAt" DESC, b.id DESC LIMIT ${DEPOSITS_PAGE_SIZE} OFFSET ${(page - 1) * DEPOSITS_PAGE_SIZE}`,
      ),
    ),
    db.settlementBatch.count({ where: { practiceId } }),
  ]);
  return { rows: rows.map(toDeposit), total, page, pageSize: DEPOSITS_PAGE_SIZE };
};

/** One of the practice's deposits; another practice's, or a missing one, is NOT_FOUND. */
export const getDepositOrThrow = async ({ practiceId, batchId }: { practiceId: string; batchId: string }) => {
  const db = await getDb();
  const [row] = await db.$queryRaw<TDepositRow[]>(
    depositsQuery(Prisma.sql`b."practiceId" = ${practiceId} AND b.id = ${batchId}`, Prisma.empty),
  );
  if (!row) throw notFoundError("deposit");
  return toDeposit(row);
};
