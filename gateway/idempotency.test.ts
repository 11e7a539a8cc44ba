import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "./clock";
import type { TPaymentJson } from "./store";
import {
  approvedPayment,
  paymentBody,
  startTestGateway,
  tokenizeCard,
  type TRefundJson,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

const paymentsFor = async (key: string) =>
  (await gw.api.get<{ data: TPaymentJson[] }>(`/v1/payments?idempotency_key=${encodeURIComponent(key)}`)).body
    .data;

describe("Idempotency-Key", () => {
  it("is required on every POST under /v1, 1 to 255 characters", async () => {
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    for (const [path, body] of [
      ["/v1/payments", paymentBody(token)],
      ["/v1/settlements", {}],
      ["/v1/payments/pay_x/void", {}],
      ["/v1/payments/pay_x/refunds", { amount_cents: 100 }],
    ] as const) {
      const res = await gw.api.post(path, body, { idempotencyKey: null });
      expect(res.status, path).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
    expect(
      (await gw.api.post("/v1/payments", paymentBody(token), { idempotencyKey: "k".repeat(256) })).status,
    ).toBe(400);
    expect(
      (await gw.api.post("/v1/payments", paymentBody(token), { idempotencyKey: "k".repeat(255) })).status,
    ).toBe(201);
  });

  it("a retry with the same key and body gets the first response byte for byte, and charges once", async () => {
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"));
    const first = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    gw.clock.advance(5 * MINUTE_MS);
    const second = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await paymentsFor(key)).toHaveLength(1);
  });

  it("compares bodies as JSON: key order and spacing do not matter", async () => {
    const key = randomUUID();
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    const first = await gw.api.post("/v1/payments", null, {
      idempotencyKey: key,
      raw: JSON.stringify({ amount_cents: 500, source: { token } }),
    });
    const second = await gw.api.post("/v1/payments", null, {
      idempotencyKey: key,
      raw: `{ "source": { "token": "${token}" },\n  "amount_cents": 500 }`,
    });
    expect(first.status).toBe(201);
    expect(second.text).toBe(first.text);
  });

  it("replays a 502 processor_error identically (status and body)", async () => {
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4000 0000 0000 0119"));
    const first = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    const second = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(first.status).toBe(502);
    expect(first.body.error?.code).toBe("processor_error");
    expect(second.status).toBe(502);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("the same key with another body is 422 idempotency_key_reused, and changes nothing", async () => {
    const key = randomUUID();
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    const first = await gw.api.post("/v1/payments", paymentBody(token, 12540), { idempotencyKey: key });
    expect(first.status).toBe(201);
    const other = await gw.api.post("/v1/payments", paymentBody(token, 99), { idempotencyKey: key });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: "idempotency_key_reused", retryable: false });
    // …or with the same body on another endpoint.
    const elsewhere = await gw.api.post("/v1/settlements", {}, { idempotencyKey: key });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error?.code).toBe("idempotency_key_reused");
    expect(await paymentsFor(key)).toEqual([first.body]);
    // The original request still replays.
    expect((await gw.api.post("/v1/payments", paymentBody(token, 12540), { idempotencyKey: key })).text).toBe(
      first.text,
    );
  });

  it("a request refused as invalid (400) is not recorded: the key can then carry a valid body", async () => {
    const key = randomUUID();
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    expect((await gw.api.post("/v1/payments", paymentBody(token, -5), { idempotencyKey: key })).status).toBe(
      400,
    );
    expect((await gw.api.post("/v1/payments", paymentBody(token, 500), { idempotencyKey: key })).status).toBe(
      201,
    );
  });

  it("concurrent requests with one key charge once and all get the same answer", async () => {
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"));
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => gw.api.post("/v1/payments", body, { idempotencyKey: key })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await paymentsFor(key)).toHaveLength(1);
  });

  it("replays refunds and voids too: a retried refund refunds once", async () => {
    const payment = await approvedPayment(gw, { amount_cents: 10000, settle: true }); // $100.00
    const key = randomUUID();
    const first = await gw.api.post<TRefundJson>(
      `/v1/payments/${payment.id}/refunds`,
      { amount_cents: 2500 },
      { idempotencyKey: key },
    );
    const second = await gw.api.post<TRefundJson>(
      `/v1/payments/${payment.id}/refunds`,
      { amount_cents: 2500 },
      { idempotencyKey: key },
    );
    expect(first.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${payment.id}`)).body.refunded_cents).toBe(2500);

    const unsettled = await approvedPayment(gw);
    const voidKey = randomUUID();
    const v1 = await gw.api.post(`/v1/payments/${unsettled.id}/void`, {}, { idempotencyKey: voidKey });
    const v2 = await gw.api.post(`/v1/payments/${unsettled.id}/void`, {}, { idempotencyKey: voidKey });
    expect(v1.status).toBe(200);
    expect(v2.text).toBe(v1.text);
  });

  it("keeps a key for 24 hours; after that the key is free again", async () => {
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"), 700); // $7.00
    const first = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    gw.clock.advance(24 * HOUR_MS - MINUTE_MS);
    const replay = await gw.api.post("/v1/payments", body, { idempotencyKey: key });
    expect(replay.text).toBe(first.text);
    expect((await gw.api.post("/v1/payments", paymentBody("tok_x", 1), { idempotencyKey: key })).status).toBe(
      422,
    );

    gw.clock.advance(2 * MINUTE_MS);
    const fresh = await gw.api.post(
      "/v1/payments",
      paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"), 800),
      {
        idempotencyKey: key,
      },
    );
    expect(fresh.status).toBe(201);
    expect(fresh.text).not.toBe(first.text);
    expect(await paymentsFor(key)).toHaveLength(2);
  });
});
