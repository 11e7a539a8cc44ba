import { read, write, type TApiRouteTable } from "../api-route";
import { fail, ok } from "../http";
import {
  createPayment,
  listTransactions,
  refundPayment,
  settlementResult,
  voidPayment,
  ZCreatePayment,
  ZCreateRefund,
  ZSettle,
  ZVoidPayment,
} from "../payments";
import { runSettlement } from "../settlement-batches";
import { getPayment, onePaymentJson, paymentsJson, type TPaymentRow } from "../store";

/** Sales, their lookups, voids, refunds, the transaction list and settlement on demand. */
export const paymentRoutes: TApiRouteTable = [
  {
    method: "POST",
    path: "/v1/payments",
    handler: write(ZCreatePayment, (ctx, _params, input) => createPayment(ctx, input)),
  },
  {
    method: "GET",
    path: "/v1/payments",
    handler: read(async (db, r) => {
      const key = r.query.get("idempotency_key");
      if (!key)
        return fail(400, "invalid_request", "idempotency_key is required (list with /v1/transactions)");
      const rows = await db.query<TPaymentRow>(
        `SELECT * FROM gw_payment WHERE idempotency_key = $1 ORDER BY seq DESC`,
        [key],
      );
      return ok({ data: await paymentsJson(db, rows) });
    }),
  },
  {
    method: "GET",
    path: "/v1/payments/:id",
    handler: read(async (db, r) => {
      const payment = await getPayment(db, r.params.id ?? "");
      return payment ? ok(await onePaymentJson(db, payment)) : fail(404, "not_found", "No such payment.");
    }),
  },
  {
    method: "POST",
    path: "/v1/payments/:id/void",
    handler: write(ZVoidPayment, (ctx, params) => voidPayment(ctx, params.id ?? "")),
  },
  {
    method: "POST",
    path: "/v1/payments/:id/refunds",
    handler: write(ZCreateRefund, (ctx, params, input) => refundPayment(ctx, params.id ?? "", input)),
  },
  {
    method: "GET",
    path: "/v1/transactions",
    handler: read(async (db, r) => {
      const sinceParam = r.query.get("since");
      const since = sinceParam ? new Date(sinceParam) : null;
      if (since && Number.isNaN(since.getTime()))
        return fail(400, "invalid_request", "since: not an ISO 8601 time");
      const limitParam = r.query.get("limit");
      const limit = limitParam === null ? 100 : Number(limitParam);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return fail(400, "invalid_request", "limit: an integer from 1 to 1000");
      }
      return listTransactions(db, { since, limit });
    }),
  },
  {
    method: "POST",
    path: "/v1/settlements",
    handler: write(ZSettle, async (ctx) => settlementResult(ctx.sql, ctx.now, await runSettlement(ctx))),
  },
];
