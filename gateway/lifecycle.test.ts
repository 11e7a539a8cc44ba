import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, DAY_MS, MINUTE_MS } from "./clock";
import { DEFAULT_CUTOFF } from "./cutoff";
import type { TPaymentJson } from "./store";
import {
  approvedPayment,
  eventually,
  pay,
  startTestGateway,
  tokenizeAch,
  tokenizeCard,
  type TRefundJson,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const get = async (id: string) => (await gw.api.get<TPaymentJson>(`/v1/payments/${id}`)).body;
const settle = () => gw.api.post<{ settled_at: string; data: TPaymentJson[] }>("/v1/settlements", {});
const refund = (id: string, amount_cents?: number) =>
  gw.api.post<TRefundJson>(
    `/v1/payments/${id}/refunds`,
    amount_cents === undefined ? {} : { amount_cents, reason: "overpaid" },
  );
const voidIt = (id: string) => gw.api.post<TPaymentJson>(`/v1/payments/${id}/void`, {});

describe("void", () => {
  it("voids an unsettled payment; voiding it again returns it unchanged; it never settles", async () => {
    const payment = await approvedPayment(gw);
    const voided = await voidIt(payment.id);
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      id: payment.id,
      status: "voided",
      voided_at: gw.clock.now().toISOString(),
    });
    gw.clock.advance(MINUTE_MS);
    const again = await voidIt(payment.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(voided.body);
    await settle();
    expect(await get(payment.id)).toMatchObject({ status: "voided", settled_at: null });
  });

  it("refuses a settled payment: 409 already_settled (refund it instead)", async () => {
    const payment = await approvedPayment(gw, { settle: true });
    const res = await voidIt(payment.id);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "already_settled", retryable: false });
    expect((await get(payment.id)).status).toBe("approved");
  });

  it("refuses a declined payment: 409 payment_declined", async () => {
    const declined = await pay(gw, await tokenizeCard(gw, "4000 0000 0000 0002"));
    const res = await voidIt(declined.body.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("payment_declined");
  });
});

describe("settlement", () => {
  it("settles every approved, unsettled payment, and only those", async () => {
    await settle(); // a clean slate
    const a = await approvedPayment(gw, { amount_cents: 1000 }); // $10.00
    const b = await approvedPayment(gw, { amount_cents: 2000 }); // $20.00
    const declined = await pay(gw, await tokenizeCard(gw, "4000 0000 0000 9995"));
    const res = await settle();
    expect(res.status).toBe(200);
    expect(res.body.settled_at).toBe(gw.clock.now().toISOString());
    expect(res.body.data.map((p) => p.id)).toEqual([a.id, b.id]);
    for (const id of [a.id, b.id]) {
      expect(await get(id)).toMatchObject({ status: "approved", settled_at: gw.clock.now().toISOString() });
    }
    expect(await get(declined.body.id)).toMatchObject({ status: "declined", settled_at: null });
    expect((await settle()).body.data).toEqual([]);
  });

  it("returns an ACH payment from an account ending 0000 with R01; other ACH payments settle", async () => {
    const returned = await pay(gw, await tokenizeAch(gw, { account: "4440000" }), 6000); // $60.00
    const good = await pay(gw, await tokenizeAch(gw, { account: "4441234" }), 6000);
    const res = await settle();
    const now = gw.clock.now().toISOString();
    expect(res.body.data.map((p) => [p.id, p.status])).toEqual([
      [returned.body.id, "returned"],
      [good.body.id, "approved"],
    ]);
    expect(await get(returned.body.id)).toMatchObject({
      status: "returned",
      return_code: "R01",
      returned_at: now,
      settled_at: now,
    });
    expect(await get(good.body.id)).toMatchObject({ status: "approved", return_code: null, settled_at: now });
    const refundReturned = await refund(returned.body.id, 100);
    expect(refundReturned.status).toBe(422);
    expect(refundReturned.body.error?.code).toBe("amount_exceeds_refundable");
  });
});

describe("refunds", () => {
  it("refuses an unsettled payment: 409 not_settled (void it instead)", async () => {
    const payment = await approvedPayment(gw);
    const res = await refund(payment.id, 100);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "not_settled", retryable: false });
    expect((await get(payment.id)).refunded_cents).toBe(0);
  });

  it("refuses a voided payment: 409 already_voided", async () => {
    const payment = await approvedPayment(gw);
    await voidIt(payment.id);
    await settle();
    expect((await refund(payment.id, 100)).body.error?.code).toBe("already_voided");
  });

  it("refunds in parts up to the amount, never beyond", async () => {
    const payment = await approvedPayment(gw, { amount_cents: 5000, settle: true }); // $50.00
    const first = await refund(payment.id, 500); // $5.00
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^re_/),
      payment_id: payment.id,
      amount_cents: 500,
      status: "succeeded",
      reason: "overpaid",
      created_at: gw.clock.now().toISOString(),
    });
    expect(await get(payment.id)).toMatchObject({ status: "partially_refunded", refunded_cents: 500 });

    const over = await refund(payment.id, 4501); // $45.01 > $45.00 left
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: "amount_exceeds_refundable", retryable: false });
    expect((await get(payment.id)).refunded_cents).toBe(500);

    expect((await refund(payment.id, 2000)).status).toBe(201); // $20.00
    expect((await refund(payment.id, 2500)).status).toBe(201); // $25.00: 500 + 2000 + 2500 = 5000
    expect(await get(payment.id)).toMatchObject({ status: "refunded", refunded_cents: 5000 });

    const more = await refund(payment.id, 1); // $0.01
    expect(more.status).toBe(422);
    expect(more.body.error?.code).toBe("amount_exceeds_refundable");
  });

  it("without an amount, refunds what is left", async () => {
    const payment = await approvedPayment(gw, { amount_cents: 3000, settle: true }); // $30.00
    await refund(payment.id, 1000);
    const rest = await refund(payment.id);
    expect(rest.body.amount_cents).toBe(2000);
    expect(await get(payment.id)).toMatchObject({ status: "refunded", refunded_cents: 3000 });
  });

  it("are possible for one year after the payment, not after", async () => {
    const payment = await approvedPayment(gw, { amount_cents: 4000, settle: true }); // $40.00
    const oneYearLater = new Date(payment.created_at);
    oneYearLater.setUTCFullYear(oneYearLater.getUTCFullYear() + 1);
    gw.clock.set(new Date(oneYearLater.getTime() - MINUTE_MS));
    expect((await refund(payment.id, 100)).status).toBe(201);
    gw.clock.set(oneYearLater);
    const late = await refund(payment.id, 100);
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: "refund_window_expired", retryable: false });
    expect((await get(payment.id)).refunded_cents).toBe(100);
  });

  it("refuses an unknown payment with 404", async () => {
    expect((await refund("pay_nope", 100)).status).toBe(404);
  });
});

describe("the daily settlement at the cut-off", () => {
  it("settles at 21:00 New York time, not before", async () => {
    // 1 June 2026, 19:30 in New York (EDT, UTC−4).
    const clock = createManualClock(new Date("2026-06-01T23:30:00Z"));
    const daily = await startTestGateway({ clock, settlementCutoff: DEFAULT_CUTOFF, settlementCheckMs: 20 });
    try {
      const payment = await approvedPayment(daily);
      clock.set(new Date("2026-06-02T00:59:59Z")); // 20:59:59
      await new Promise((r) => setTimeout(r, 200));
      expect((await daily.api.get<TPaymentJson>(`/v1/payments/${payment.id}`)).body.settled_at).toBeNull();

      clock.set(new Date("2026-06-02T01:00:01Z")); // 21:00:01
      const settled = await eventually(async () => {
        const p = (await daily.api.get<TPaymentJson>(`/v1/payments/${payment.id}`)).body;
        return p.settled_at ? p : null;
      });
      expect(settled.settled_at).toBe("2026-06-02T01:00:01.000Z");

      // The next day's batch runs at the next cut-off only.
      const later = await approvedPayment(daily);
      clock.advance(DAY_MS - 2000); // 20:59:59 the next day
      await new Promise((r) => setTimeout(r, 200));
      expect((await daily.api.get<TPaymentJson>(`/v1/payments/${later.id}`)).body.settled_at).toBeNull();
      clock.advance(2000);
      await eventually(
        async () => (await daily.api.get<TPaymentJson>(`/v1/payments/${later.id}`)).body.settled_at,
      );
    } finally {
      await daily.close();
    }
  });
});
