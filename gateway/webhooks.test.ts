import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyGatewaySignature } from "./signature";
import type { TPaymentJson } from "./store";
import {
  approvedPayment,
  eventually,
  pay,
  startReceiver,
  startTestGateway,
  tokenizeAch,
  tokenizeCard,
  WEBHOOK_SECRET,
  type TTestGateway,
} from "./test/harness";

const settle = (gw: TTestGateway) => gw.api.post("/v1/settlements", {});
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("webhooks", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let gw: TTestGateway;
  beforeAll(async () => {
    receiver = await startReceiver();
    gw = await startTestGateway({ webhookUrl: receiver.url });
  });
  afterAll(async () => {
    await gw?.close();
    await receiver?.close();
  });

  it("sends every event type, each signed with the webhook secret", async () => {
    const approved = await approvedPayment(gw, { amount_cents: 5000 }); // $50.00
    const declined = await pay(gw, await tokenizeCard(gw, "4000 0000 0000 0002"));
    const voided = await approvedPayment(gw);
    await gw.api.post(`/v1/payments/${voided.id}/void`, {});
    const returned = await pay(gw, await tokenizeAch(gw, { account: "120000" }), 2500); // $25.00
    await settle(gw);
    const refund = await gw.api.post<{ id: string }>(`/v1/payments/${approved.id}/refunds`, {
      amount_cents: 1000,
    });

    const expected = [
      ["payment.approved", approved.id],
      ["payment.declined", declined.body.id],
      ["payment.approved", voided.id],
      ["payment.voided", voided.id],
      ["payment.approved", returned.body.id],
      ["payment.settled", approved.id],
      ["payment.settled", returned.body.id],
      ["payment.returned", returned.body.id],
      ["settlement_batch.created", undefined],
      ["refund.succeeded", approved.id],
    ];
    await eventually(() => receiver.received.length >= expected.length);
    await pause(100);
    expect(receiver.received).toHaveLength(expected.length);
    const events = receiver.events();
    expect(events.map((e) => [e.type, e.data.payment?.id])).toEqual(expected);

    for (const r of receiver.received) {
      expect(
        verifyGatewaySignature({
          header: r.signature,
          body: r.body,
          secret: WEBHOOK_SECRET,
          now: gw.clock.now(),
        }),
      ).toMatchObject({ ok: true });
      expect(
        verifyGatewaySignature({
          header: r.signature,
          body: r.body,
          secret: "whsec_wrong_secret",
          now: gw.clock.now(),
        }).ok,
      ).toBe(false);
    }
    for (const e of events) {
      expect(e.id).toMatch(/^evt_/);
      expect(e.created_at).toBe(gw.clock.now().toISOString());
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // The event carries the payment as it was then; a refund event carries the refund too.
    const returnedEvent = events.find((e) => e.type === "payment.returned");
    expect(returnedEvent?.data.payment).toMatchObject({ status: "returned", return_code: "R01" });
    const refundEvent = events.find((e) => e.type === "refund.succeeded");
    expect(refundEvent?.data.refund).toMatchObject({
      id: refund.body.id,
      amount_cents: 1000,
      status: "succeeded",
    });
    expect(refundEvent?.data.payment).toMatchObject({ status: "partially_refunded", refunded_cents: 1000 });
  });
});

describe("webhook retries", () => {
  let gw: TTestGateway | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await gw?.close();
    await receiver?.close();
  });

  it("retries after a 500 with backoff (1 s, then 2 s), same event id and body, until a 2xx", async () => {
    receiver = await startReceiver((n) => (n <= 2 ? 500 : 204));
    gw = await startTestGateway({ webhookUrl: receiver.url });
    const r = receiver;
    const g = gw;
    const payment = await approvedPayment(g);

    // The receiver got it, and the gateway has recorded the failure (so its retry time is set).
    const failed = (attempt: number) => g.logs.some((l) => l.includes(`failed (500, attempt ${attempt})`));
    await eventually(() => r.received.length === 1 && failed(1));
    await pause(150);
    expect(r.received).toHaveLength(1); // no retry before its time
    g.clock.advance(999);
    await pause(150);
    expect(r.received).toHaveLength(1);
    g.clock.advance(1);
    await eventually(() => r.received.length === 2 && failed(2)); // 1 s after the first failure

    g.clock.advance(1999);
    await pause(150);
    expect(r.received).toHaveLength(2);
    g.clock.advance(1);
    await eventually(() => r.received.length === 3); // 2 s after the second failure

    const [first, second, third] = r.received.map((x) => x.body);
    expect(second).toBe(first);
    expect(third).toBe(first);
    const event = JSON.parse(first ?? "{}") as { id: string; type: string; data: { payment: TPaymentJson } };
    expect(event).toMatchObject({ type: "payment.approved", data: { payment: { id: payment.id } } });
    // Each attempt is signed afresh, with its own time.
    const times = r.received.map((x) =>
      verifyGatewaySignature({
        header: x.signature,
        body: x.body,
        secret: WEBHOOK_SECRET,
        now: g.clock.now(),
      }),
    );
    expect(times.map((v) => v.ok)).toEqual([true, true, true]);
    expect(times.map((v) => (v.ok ? v.timestamp : 0))).toEqual([
      Math.floor(g.clock.now().getTime() / 1000) - 3,
      Math.floor(g.clock.now().getTime() / 1000) - 2,
      Math.floor(g.clock.now().getTime() / 1000),
    ]);

    // Acknowledged: never sent again.
    g.clock.advance(2 * 60 * 60 * 1000);
    await pause(150);
    expect(r.received).toHaveLength(3);
  });

  it("treats no answer at all (connection refused) as a failure and retries", async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close(); // nothing listens there now
    gw = await startTestGateway({ webhookUrl: url });
    await approvedPayment(gw);
    await eventually(() =>
      gw?.logs.some((l) => /webhook evt_\w+ payment\.approved failed .*attempt 1\); retry in 1s/.test(l)),
    );
  });
});

describe("webhook secret rotation", () => {
  it("signs each delivery once per secret while it is rotated, so a receiver with either accepts", async () => {
    const receiver = await startReceiver();
    const gw = await startTestGateway({
      webhookUrl: receiver.url,
      webhookSecrets: ["whsec_new_rotation", WEBHOOK_SECRET],
    });
    try {
      await approvedPayment(gw);
      await eventually(() => receiver.received.length >= 1);
      const [delivery] = receiver.received;
      expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      for (const secret of ["whsec_new_rotation", WEBHOOK_SECRET]) {
        expect(
          verifyGatewaySignature({
            header: delivery!.signature,
            body: delivery!.body,
            secret,
            now: gw.clock.now(),
          }),
        ).toMatchObject({ ok: true });
      }
    } finally {
      await gw.close();
      await receiver.close();
    }
  });
});
