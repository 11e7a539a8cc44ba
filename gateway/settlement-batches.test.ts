import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, HOUR_MS } from "./clock";
import { DEFAULT_CUTOFF } from "./cutoff";
import {
  effectiveDateAfter,
  SANDBOX_MERCHANT_ID,
  type TSettlementBatchJson,
  type TSettlementItemJson,
} from "./settlement-batches";
import {
  approvedPayment,
  eventually,
  pay,
  startReceiver,
  startTestGateway,
  tokenizeAch,
  type TRefundJson,
  type TTestGateway,
} from "./test/harness";

type TBatchDetail = TSettlementBatchJson & {
  transactions: { data: TSettlementItemJson[]; has_more: boolean };
};
type TBatchList = { data: TSettlementBatchJson[]; has_more: boolean };

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const settle = () =>
  gw.api.post<{ settled_at: string; data: { id: string }[]; batch_id: string | null }>("/v1/settlements", {});
const getBatch = (id: string) => gw.api.get<TBatchDetail>(`/v1/settlement-batches/${id}`);
const refund = (id: string, amount_cents: number) =>
  gw.api.post<TRefundJson>(`/v1/payments/${id}/refunds`, { amount_cents });

describe("the effective date", () => {
  it("is the next business day after the settlement's day in New York", () => {
    // Monday 1 June 2026, 21:00 EDT → Tuesday.
    expect(effectiveDateAfter(new Date("2026-06-02T01:00:00Z"))).toBe("2026-06-02");
    // Friday 5 June, 21:00 EDT (Saturday in UTC) → Monday 8 June.
    expect(effectiveDateAfter(new Date("2026-06-06T01:00:00Z"))).toBe("2026-06-08");
    // Saturday and Sunday → Monday.
    expect(effectiveDateAfter(new Date("2026-06-06T16:00:00Z"))).toBe("2026-06-08");
    expect(effectiveDateAfter(new Date("2026-06-07T16:00:00Z"))).toBe("2026-06-08");
  });
});

describe("settlement batches", () => {
  it("deposits each run's sales, returns and the refunds made since the previous batch", async () => {
    await settle(); // a clean slate
    const sale = await approvedPayment(gw, { amount_cents: 10000 }); // $100.00
    const returned = await pay(gw, await tokenizeAch(gw, { account: "5550000" }), 4000); // $40.00
    const first = await settle();
    expect(first.status).toBe(200);
    expect(first.body.batch_id).toMatch(/^sb_/);

    const one = await getBatch(first.body.batch_id ?? "");
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      id: first.body.batch_id,
      merchant_id: SANDBOX_MERCHANT_ID,
      trace_number: expect.stringMatching(/^\d{15}$/),
      effective_date: "2026-06-02", // settled Monday 1 June 2026 11:00 EDT
      settled_at: gw.clock.now().toISOString(),
      currency: "USD",
      item_count: 3,
      sales: { count: 2, amount_cents: 14000 },
      refunds: { count: 0, amount_cents: 0 },
      returns: { count: 1, amount_cents: 4000 },
      chargebacks: { count: 0, amount_cents: 0 },
      net_cents: 10000, // $140.00 sold, $40.00 returned
      created_at: gw.clock.now().toISOString(),
      transactions: {
        data: [
          {
            id: expect.stringMatching(/^sbi_/),
            kind: "sale",
            payment_id: sale.id,
            refund_id: null,
            amount_cents: 10000,
          },
          {
            id: expect.stringMatching(/^sbi_/),
            kind: "sale",
            payment_id: returned.body.id,
            refund_id: null,
            amount_cents: 4000,
          },
          {
            id: expect.stringMatching(/^sbi_/),
            kind: "return",
            payment_id: returned.body.id,
            refund_id: null,
            amount_cents: 4000,
          },
        ],
        has_more: false,
      },
    });

    // A refund belongs to the next batch, beside that run's sales.
    gw.clock.advance(24 * HOUR_MS);
    const refunded = await refund(sale.id, 2500); // $25.00
    expect(refunded.status).toBe(201);
    const later = await approvedPayment(gw, { amount_cents: 1000 }); // $10.00
    const second = await settle();
    const two = await getBatch(second.body.batch_id ?? "");
    expect(two.body).toMatchObject({
      effective_date: "2026-06-03",
      item_count: 2,
      sales: { count: 1, amount_cents: 1000 },
      refunds: { count: 1, amount_cents: 2500 },
      returns: { count: 0, amount_cents: 0 },
      net_cents: -1500, // more went back to patients than came in
    });
    expect(
      two.body.transactions.data.map((t) => [t.kind, t.payment_id, t.refund_id, t.amount_cents]),
    ).toEqual([
      ["sale", later.id, null, 1000],
      ["refund", sale.id, refunded.body.id, 2500],
    ]);
    expect(two.body.trace_number).not.toBe(one.body.trace_number);

    // A refund is deposited once; a run with nothing to settle makes no batch.
    const empty = await settle();
    expect(empty.body).toMatchObject({ data: [], batch_id: null });
  });

  it("lists batches oldest first, from a time, in pages", async () => {
    await settle();
    const since = new Date(gw.clock.now().getTime() + 1000);
    gw.clock.advance(2000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await approvedPayment(gw, { amount_cents: 1000 + i });
      ids.push((await settle()).body.batch_id ?? "");
      gw.clock.advance(1000);
    }
    const all = await gw.api.get<TBatchList>(
      `/v1/settlement-batches?created_since=${encodeURIComponent(since.toISOString())}`,
    );
    expect(all.status).toBe(200);
    expect(all.body.data.map((b) => b.id)).toEqual(ids);
    expect(all.body.has_more).toBe(false);

    const page1 = await gw.api.get<TBatchList>(
      `/v1/settlement-batches?created_since=${encodeURIComponent(since.toISOString())}&limit=2`,
    );
    expect(page1.body.data.map((b) => b.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.has_more).toBe(true);
    const page2 = await gw.api.get<TBatchList>(`/v1/settlement-batches?limit=2&starting_after=${ids[1]}`);
    expect(page2.body).toEqual({ data: [expect.objectContaining({ id: ids[2] })], has_more: false });

    for (const bad of [
      "limit=0",
      "limit=101",
      "limit=x",
      "created_since=yesterday",
      "starting_after=sb_nope",
    ]) {
      const res = await gw.api.get(`/v1/settlement-batches?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
    expect((await gw.api.get("/v1/settlement-batches/sb_nope")).status).toBe(404);
    expect((await gw.api.get("/v1/settlement-batches/sb_nope/transactions")).status).toBe(404);
  });

  it("pages a batch's transactions", async () => {
    await settle();
    const payments = [];
    for (let i = 0; i < 5; i++) payments.push(await approvedPayment(gw, { amount_cents: 100 + i }));
    const id = (await settle()).body.batch_id ?? "";
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const res = await gw.api.get<{ data: TSettlementItemJson[]; has_more: boolean }>(
        `/v1/settlement-batches/${id}/transactions?limit=2${after ? `&starting_after=${after}` : ""}`,
      );
      expect(res.status).toBe(200);
      pages.push(res.body.data.map((t) => t.payment_id));
      after = res.body.data.at(-1)?.id;
      if (!res.body.has_more) break;
    }
    expect(pages).toEqual([
      [payments[0]?.id, payments[1]?.id],
      [payments[2]?.id, payments[3]?.id],
      [payments[4]?.id],
    ]);
    const other = await gw.api.get(`/v1/settlement-batches/${id}/transactions?starting_after=sbi_nope`);
    expect(other.status).toBe(400);
  });

  it("needs the secret API key", async () => {
    const res = await fetch(`${gw.url}/v1/settlement-batches`);
    expect(res.status).toBe(401);
  });
});

describe("the daily cut-off", () => {
  it("makes the day's batch and announces it with settlement_batch.created", async () => {
    const receiver = await startReceiver();
    // Friday 5 June 2026, 19:30 in New York.
    const clock = createManualClock(new Date("2026-06-05T23:30:00Z"));
    const daily = await startTestGateway({
      clock,
      settlementCutoff: DEFAULT_CUTOFF,
      settlementCheckMs: 20,
      webhookUrl: receiver.url,
    });
    try {
      const payment = await approvedPayment(daily, { amount_cents: 7700 }); // $77.00
      clock.set(new Date("2026-06-06T01:00:01Z")); // 21:00:01
      const list = await eventually(async () => {
        const res = await daily.api.get<TBatchList>("/v1/settlement-batches");
        return res.body.data.length ? res.body : null;
      });
      expect(list.data).toEqual([
        expect.objectContaining({
          settled_at: "2026-06-06T01:00:01.000Z",
          effective_date: "2026-06-08", // Friday evening → Monday
          item_count: 1,
          net_cents: 7700,
        }),
      ]);
      const event = await eventually(() =>
        receiver.events().find((e) => e.type === "settlement_batch.created"),
      );
      expect(event.data.settlement_batch).toEqual(list.data[0]);
      expect(event.data.payment).toBeUndefined();
      const detail = await daily.api.get<TBatchDetail>(`/v1/settlement-batches/${list.data[0]?.id}`);
      expect(detail.body.transactions.data.map((t) => t.payment_id)).toEqual([payment.id]);
    } finally {
      await daily.close();
      await receiver.close();
    }
  });
});
