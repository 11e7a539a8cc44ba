import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "./clock";
import type { TPaymentJson } from "./store";
import {
  apiClient,
  eventually,
  pay,
  paymentBody,
  startTestGateway,
  tokenizeAch,
  tokenizeCard,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ hangMs: 1500 });
});
afterAll(() => gw?.close());

describe("authentication", () => {
  it("refuses /v1 without the secret API key, or with another key", async () => {
    const missing = await fetch(`${gw.url}/v1/transactions`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "unauthorized" } });
    const wrong = await apiClient(gw.url, "sk_wrong_key").get("/v1/transactions");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe("unauthorized");
    // The publishable key is for the hosted fields only.
    const publishable = await apiClient(gw.url, "pk_test_contract").get("/v1/transactions");
    expect(publishable.status).toBe(401);
    expect((await gw.api.get("/v1/transactions")).status).toBe(200);
  });
});

describe("test card numbers", () => {
  const approved: [string, string, string][] = [
    ["4111 1111 1111 1111", "visa", "1111"],
    ["5555 5555 5555 4444", "mastercard", "4444"],
    ["3782 822463 10005", "amex", "0005"],
    ["6011 1111 1111 1117", "discover", "1117"],
  ];
  it.each(approved)("%s is approved (%s)", async (number, brand, last4) => {
    const res = await pay(gw, await tokenizeCard(gw, number), 12540); // $125.40
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "approved",
      amount_cents: 12540,
      currency: "USD",
      refunded_cents: 0,
      decline_code: null,
      decline_message: null,
      method: { kind: "card", brand, last4, exp_month: 12, exp_year: 2030, bank_account_type: null },
      reference: "portal-payment-1",
      description: "ST-1001",
      settled_at: null,
      voided_at: null,
      returned_at: null,
      return_code: null,
    });
    expect(res.body.id).toMatch(/^pay_/);
    expect(res.body.authorization_code).toMatch(/^[A-Z0-9]{6}$/);
    expect(new Date(res.body.created_at).toISOString()).toBe(gw.clock.now().toISOString());
    const fetched = await gw.api.get<TPaymentJson>(`/v1/payments/${res.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(res.body);
  });

  const declined: [string, string][] = [
    ["4000 0000 0000 0002", "generic"],
    ["4000 0000 0000 9995", "insufficient_funds"],
    ["4000 0000 0000 0069", "expired_card"],
    ["4000 0000 0000 0127", "cvv_mismatch"],
    ["4000 0000 0000 0036", "zip_mismatch"],
  ];
  it.each(declined)("%s is declined: %s (a payment, not an error)", async (number, code) => {
    const res = await pay(gw, await tokenizeCard(gw, number), 5000); // $50.00
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "declined", decline_code: code, authorization_code: null });
    expect(res.body.decline_message).toEqual(expect.any(String));
    expect(res.body.method).toMatchObject({ kind: "card", brand: "visa", last4: number.slice(-4) });
  });

  it("4000 0000 0000 0119 is a retryable 502 processor_error, and nothing is charged", async () => {
    const token = await tokenizeCard(gw, "4000 0000 0000 0119");
    const key = randomUUID();
    const res = await pay(gw, token, 5000, key);
    expect(res.status).toBe(502);
    expect(res.body).toEqual({
      error: { code: "processor_error", message: expect.any(String), retryable: true },
    });
    expect((await gw.api.get<{ data: unknown[] }>(`/v1/payments?idempotency_key=${key}`)).body.data).toEqual(
      [],
    );
    // The token was not spent: a retry with a new key reaches the processor again (not 410 token_used).
    const retry = await pay(gw, token, 5000);
    expect(retry.status).toBe(502);
  });

  it("an ACH account on routing 011000015 is approved; ending 0000 too (its return comes at settlement)", async () => {
    const res = await pay(gw, await tokenizeAch(gw, { account: "123456789", type: "savings" }), 8900); // $89.00
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "approved",
      authorization_code: null,
      method: {
        kind: "ach",
        brand: null,
        last4: "6789",
        exp_month: null,
        exp_year: null,
        bank_account_type: "savings",
      },
    });
    const r01 = await pay(gw, await tokenizeAch(gw, { account: "987650000" }), 8900);
    expect(r01.status).toBe(201);
    expect(r01.body).toMatchObject({ status: "approved", method: { kind: "ach", last4: "0000" } });
  });

  it("4000 0000 0000 0259 records the approval but never answers; the payment is found by its idempotency key", async () => {
    const token = await tokenizeCard(gw, "4000 0000 0000 0259");
    const key = randomUUID();
    const body = paymentBody(token, 12540);
    const started = Date.now();
    await expect(
      gw.api.post("/v1/payments", body, { idempotencyKey: key, signal: AbortSignal.timeout(500) }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);

    const found = await gw.api.get<{ data: TPaymentJson[] }>(`/v1/payments?idempotency_key=${key}`);
    expect(found.status).toBe(200);
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0]).toMatchObject({
      status: "approved",
      idempotency_key: key,
      amount_cents: 12540,
    });
    // A retry with the same key and body gets the stored approval at once.
    const retry = await gw.api.post<TPaymentJson>("/v1/payments", body, { idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(found.body.data[0]);
  });

  it("a client that waits for the 0259 response sees the connection dropped after the hang time", async () => {
    const token = await tokenizeCard(gw, "4000 0000 0000 0259");
    const started = Date.now();
    await expect(pay(gw, token, 100)).rejects.toThrow(); // $1.00
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await eventually(() => gw.logs.some((l) => /POST \/v1\/payments no response/.test(l)));
  });
});

describe("tokens", () => {
  it("are single use", async () => {
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    expect((await pay(gw, token)).status).toBe(201);
    const again = await pay(gw, token);
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({ code: "token_used", retryable: false });
  });

  it("a declined payment spends its token too", async () => {
    const token = await tokenizeCard(gw, "4000 0000 0000 0002");
    expect((await pay(gw, token)).body.status).toBe("declined");
    expect((await pay(gw, token)).body.error?.code).toBe("token_used");
  });

  it("are valid for 15 minutes", async () => {
    const fresh = await tokenizeCard(gw, "4111 1111 1111 1111");
    const stale = await tokenizeCard(gw, "4111 1111 1111 1111");
    gw.clock.advance(15 * MINUTE_MS - 1000);
    expect((await pay(gw, fresh)).status).toBe(201);
    gw.clock.advance(1000);
    const expired = await pay(gw, stale);
    expect(expired.status).toBe(410);
    expect(expired.body.error?.code).toBe("token_expired");
  });

  it("an unknown token is an invalid request", async () => {
    const res = await pay(gw, "tok_000000000000000000000000");
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_request");
  });
});

describe("requests", () => {
  it.each([
    ["a zero amount", { amount_cents: 0 }],
    ["a fractional amount", { amount_cents: 125.4 }],
    ["an amount as a string", { amount_cents: "125.40" }],
    ["another currency", { currency: "EUR" }],
    ["an unknown field", { amount: 12540 }],
  ])("refuses %s with 400 invalid_request", async (_name, change) => {
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    const res = await gw.api.post("/v1/payments", { ...paymentBody(token), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request", retryable: false });
    // The token is still good: nothing happened.
    expect((await pay(gw, token)).status).toBe(201);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await gw.api.post("/v1/payments", null, { raw: "amount_cents=1" });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_request");
  });

  it("answers 404 not_found for an unknown payment or endpoint", async () => {
    const res = await gw.api.get("/v1/payments/pay_missing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: expect.any(String), retryable: false } });
    expect((await gw.api.get("/v1/nothing")).status).toBe(404);
    expect((await gw.api.post("/v1/payments/pay_missing/void", {})).status).toBe(404);
  });

  it("GET /v1/payments needs an idempotency_key and answers an empty list for an unknown one", async () => {
    expect((await gw.api.get("/v1/payments")).status).toBe(400);
    const none = await gw.api.get(`/v1/payments?idempotency_key=never-seen`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ data: [] });
  });
});

describe("GET /v1/transactions", () => {
  it("lists payments newest first, from `since` on", async () => {
    gw.clock.advance(60 * MINUTE_MS);
    const since = gw.clock.now().toISOString();
    const first = await pay(gw, await tokenizeCard(gw, "4111 1111 1111 1111"), 1000); // $10.00
    gw.clock.advance(1000);
    const second = await pay(gw, await tokenizeCard(gw, "4000 0000 0000 0002"), 2000); // $20.00
    const res = await gw.api.get<{ data: TPaymentJson[] }>(
      `/v1/transactions?since=${encodeURIComponent(since)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((p) => p.id)).toEqual([second.body.id, first.body.id]);
    const all = await gw.api.get<{ data: TPaymentJson[] }>(`/v1/transactions`);
    expect(all.body.data.length).toBeGreaterThan(2);
    expect(all.body.data[0]?.id).toBe(second.body.id);
    expect((await gw.api.get(`/v1/transactions?since=yesterday`)).status).toBe(400);
  });
});

describe("GATEWAY_LATENCY_MS", () => {
  it("delays every /v1 response after the work is done, so a client that gives up can reconcile", async () => {
    const slow = await startTestGateway({ latencyMs: 400 });
    try {
      const token = await tokenizeCard(slow, "4111 1111 1111 1111"); // the hosted fields are not delayed
      const key = randomUUID();
      const body = paymentBody(token);
      await expect(
        slow.api.post("/v1/payments", body, { idempotencyKey: key, signal: AbortSignal.timeout(150) }),
      ).rejects.toThrow();
      const started = Date.now();
      const found = await slow.api.get<{ data: TPaymentJson[] }>(`/v1/payments?idempotency_key=${key}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(found.body.data).toMatchObject([{ status: "approved", idempotency_key: key }]);
    } finally {
      await slow.close();
    }
  });
});
