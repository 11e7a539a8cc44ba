import type { TContext } from "./context";
import type { TSql } from "./db";
import { fail, ok, type TResult } from "./http";
import { settlePayments } from "./payments";
import { newId, recordOtherEvent, type TPaymentRow, type TRefundRow } from "./store";

/**
 * Settlement batches (docs/gateway-api.md, "Settlement batches"): each settlement run, the daily
 * cut-off or `POST /v1/settlements`, deposits what it settled in one batch for the merchant: the
 * sales it settles, the refunds made since the previous batch and the ACH returns, with the
 * deposit's ACH trace number and effective date. A run with nothing to settle makes no batch.
 */

/** The sandbox has one merchant account: every batch is its batch. */
export const SANDBOX_MERCHANT_ID = "sandbox_portal";

/** The first 8 digits of the originating bank's routing number (011000015), the start of every trace number. */
const ODFI_ID = "01100001";

/** The business days of the deposit are New York's (the processor's), as the default cut-off's. */
const BANK_TIME_ZONE = "America/New_York";

export type TSettlementItemKind = "sale" | "refund" | "return" | "chargeback";

type TBatchRow = {
  id: string;
  seq: number;
  merchant_id: string;
  trace_number: string;
  effective_date: Date;
  settled_at: Date;
  sale_count: number;
  sale_cents: number;
  refund_count: number;
  refund_cents: number;
  return_count: number;
  return_cents: number;
  chargeback_count: number;
  chargeback_cents: number;
  net_cents: number;
  created_at: Date;
};

type TItemRow = {
  id: string;
  seq: number;
  batch_id: string;
  kind: TSettlementItemKind;
  payment_id: string;
  refund_id: string | null;
  amount_cents: number;
};

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: BANK_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The deposit's effective date: the next business day (Monday to Friday; the sandbox knows no
 * bank holidays) after the day of the settlement in New York. A Friday evening settlement is
 * effective on Monday, a Saturday one on Monday too.
 */
export const effectiveDateAfter = (settledAt: Date): string => {
  const [y, m, d] = dayFormat.format(settledAt).split("-").map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
};

const sumOf = (items: { kind: TSettlementItemKind; amount_cents: number }[], kind: TSettlementItemKind) => {
  const ofKind = items.filter((i) => i.kind === kind);
  return { count: ofKind.length, cents: ofKind.reduce((sum, i) => sum + i.amount_cents, 0) };
};

/**
 * Writes the batch of one settlement run: `settled` are the payments it settled (a returned ACH
 * payment is a sale and its return), plus every refund not in a batch yet. Null when there is
 * nothing to deposit. Records `settlement_batch.created`.
 */
const createBatch = async (
  { sql, now, webhookUrl }: Pick<TContext, "sql" | "now" | "webhookUrl">,
  settled: TPaymentRow[],
): Promise<TBatchRow | null> => {
  const refunds = await sql.query<TRefundRow>(
    `SELECT * FROM gw_refund WHERE settlement_batch_id IS NULL ORDER BY seq`,
  );
  const items: Omit<TItemRow, "id" | "seq" | "batch_id">[] = [
    ...settled.flatMap((p) => [
      { kind: "sale" as const, payment_id: p.id, refund_id: null, amount_cents: p.amount_cents },
      ...(p.status === "returned"
        ? [{ kind: "return" as const, payment_id: p.id, refund_id: null, amount_cents: p.amount_cents }]
        : []),
    ]),
    ...refunds.map((r) => ({
      kind: "refund" as const,
      payment_id: r.payment_id,
      refund_id: r.id,
      amount_cents: r.amount_cents,
    })),
  ];
  if (items.length === 0) return null;

  const sales = sumOf(items, "sale");
  const refunded = sumOf(items, "refund");
  const returns = sumOf(items, "return");
  const chargebacks = sumOf(items, "chargeback");
  const id = newId("sb");
  // 15 digits: the bank's 8-digit id and a 7-digit sequence, unique (the column says so).
  const [next] = await sql.query<{ n: number }>(
    `SELECT (coalesce(max(seq), 0) + 1)::int AS n FROM gw_settlement_batch`,
  );
  const traceNumber = `${ODFI_ID}${String((next?.n ?? 1) % 10_000_000).padStart(7, "0")}`;
  const [batch] = await sql.query<TBatchRow>(
    `INSERT INTO gw_settlement_batch (id, merchant_id, trace_number, effective_date, settled_at,
       sale_count, sale_cents, refund_count, refund_cents, return_count, return_cents,
       chargeback_count, chargeback_cents, net_cents, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $5) RETURNING *`,
    [
      id,
      SANDBOX_MERCHANT_ID,
      traceNumber,
      effectiveDateAfter(now),
      now,
      sales.count,
      sales.cents,
      refunded.count,
      refunded.cents,
      returns.count,
      returns.cents,
      chargebacks.count,
      chargebacks.cents,
      sales.cents - refunded.cents - returns.cents - chargebacks.cents,
    ],
  );
  if (!batch) throw new Error("insert returned no batch");
  for (const item of items) {
    await sql.query(
      `INSERT INTO gw_settlement_item (id, batch_id, kind, payment_id, refund_id, amount_cents)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [newId("sbi"), id, item.kind, item.payment_id, item.refund_id, item.amount_cents],
    );
  }
  if (refunds.length) {
    await sql.query(`UPDATE gw_refund SET settlement_batch_id = $1 WHERE id = ANY($2::text[])`, [
      id,
      refunds.map((r) => r.id),
    ]);
  }
  await recordOtherEvent(sql, {
    type: "settlement_batch.created",
    data: { settlement_batch: batchJson(batch) },
    now,
    webhookUrl,
  });
  return batch;
};

/** One settlement run: settles the due payments (payments.ts), then writes their batch. */
export const runSettlement = async (
  ctx: Pick<TContext, "sql" | "now" | "webhookUrl">,
): Promise<{ settled: TPaymentRow[]; batch: TBatchRow | null }> => {
  const settled = await settlePayments(ctx);
  return { settled, batch: await createBatch(ctx, settled) };
};

const totals = (count: number, cents: number) => ({ count, amount_cents: cents });

/** A batch as the API shows it, without its transactions. */
export const batchJson = (b: TBatchRow) => ({
  id: b.id,
  merchant_id: b.merchant_id,
  trace_number: b.trace_number,
  effective_date: b.effective_date.toISOString().slice(0, 10),
  settled_at: b.settled_at.toISOString(),
  currency: "USD",
  item_count: b.sale_count + b.refund_count + b.return_count + b.chargeback_count,
  sales: totals(b.sale_count, b.sale_cents),
  refunds: totals(b.refund_count, b.refund_cents),
  returns: totals(b.return_count, b.return_cents),
  chargebacks: totals(b.chargeback_count, b.chargeback_cents),
  net_cents: b.net_cents,
  created_at: b.created_at.toISOString(),
});

export type TSettlementBatchJson = ReturnType<typeof batchJson>;

const itemJson = (i: TItemRow) => ({
  id: i.id,
  kind: i.kind,
  payment_id: i.payment_id,
  refund_id: i.refund_id,
  amount_cents: i.amount_cents,
});

export type TSettlementItemJson = ReturnType<typeof itemJson>;

/** A `limit` query parameter: an integer from 1 to `max`, `fallback` when absent; null when invalid. */
const parseLimit = (value: string | null, fallback: number, max: number): number | null => {
  if (value === null) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
};

export const MAX_BATCHES_PAGE = 100;
export const MAX_ITEMS_PAGE = 1000;

/** GET /v1/settlement-batches?created_since=&limit=&starting_after=: oldest first. */
export const listBatches = async (sql: TSql, query: URLSearchParams): Promise<TResult> => {
  const sinceParam = query.get("created_since");
  const since = sinceParam ? new Date(sinceParam) : null;
  if (since && Number.isNaN(since.getTime()))
    return fail(400, "invalid_request", "created_since: not an ISO 8601 time");
  const limit = parseLimit(query.get("limit"), MAX_BATCHES_PAGE, MAX_BATCHES_PAGE);
  if (limit === null) return fail(400, "invalid_request", `limit: an integer from 1 to ${MAX_BATCHES_PAGE}`);
  const after = query.get("starting_after");
  let afterSeq = 0;
  if (after) {
    const [row] = await sql.query<{ seq: number }>(`SELECT seq FROM gw_settlement_batch WHERE id = $1`, [
      after,
    ]);
    if (!row) return fail(400, "invalid_request", "starting_after: no such settlement batch");
    afterSeq = Number(row.seq);
  }
  const rows = await sql.query<TBatchRow>(
    `SELECT * FROM gw_settlement_batch
      WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND seq > $2
      ORDER BY seq LIMIT $3`,
    [since, afterSeq, limit + 1],
  );
  return ok({ data: rows.slice(0, limit).map(batchJson), has_more: rows.length > limit });
};

const itemsPage = async (sql: TSql, batchId: string, afterSeq: number, limit: number) => {
  const rows = await sql.query<TItemRow>(
    `SELECT * FROM gw_settlement_item WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [batchId, afterSeq, limit + 1],
  );
  return { data: rows.slice(0, limit).map(itemJson), has_more: rows.length > limit };
};

/** GET /v1/settlement-batches/:id: the batch and its first transactions (up to 1000). */
export const getBatch = async (sql: TSql, id: string): Promise<TResult> => {
  const [batch] = await sql.query<TBatchRow>(`SELECT * FROM gw_settlement_batch WHERE id = $1`, [id]);
  if (!batch) return fail(404, "not_found", "No such settlement batch.");
  return ok({ ...batchJson(batch), transactions: await itemsPage(sql, id, 0, MAX_ITEMS_PAGE) });
};

/** GET /v1/settlement-batches/:id/transactions?limit=&starting_after=: the next pages. */
export const listBatchItems = async (sql: TSql, id: string, query: URLSearchParams): Promise<TResult> => {
  const [batch] = await sql.query<{ id: string }>(`SELECT id FROM gw_settlement_batch WHERE id = $1`, [id]);
  if (!batch) return fail(404, "not_found", "No such settlement batch.");
  const limit = parseLimit(query.get("limit"), MAX_ITEMS_PAGE, MAX_ITEMS_PAGE);
  if (limit === null) return fail(400, "invalid_request", `limit: an integer from 1 to ${MAX_ITEMS_PAGE}`);
  const after = query.get("starting_after");
  let afterSeq = 0;
  if (after) {
    const [row] = await sql.query<{ seq: number }>(
      `SELECT seq FROM gw_settlement_item WHERE id = $1 AND batch_id = $2`,
      [after, id],
    );
    if (!row) return fail(400, "invalid_request", "starting_after: no such transaction in this batch");
    afterSeq = Number(row.seq);
  }
  return ok(await itemsPage(sql, id, afterSeq, limit));
};
