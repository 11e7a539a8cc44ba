import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "./clock";
import type { TPaymentJson, TStoredMethodJson } from "./store";
import {
  pay,
  paymentBody,
  payStored,
  startTestGateway,
  storeMethod,
  tokenizeAch,
  tokenizeCard,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ hangMs: 1500 });
});
afterAll(() => gw?.close());

/** A stored card of `number` (approved by its $0 verification). */
const storedCard = async (
  number = "4111 1111 1111 1111",
  options: { expiry?: string; zip?: string } = {},
) => {
  const res = await storeMethod(gw, await tokenizeCard(gw, number, options));
  if (res.status !== 201) throw new Error(`store failed: ${res.text}`);
  return res.body;
};

const getMethod = (id: string) => gw.api.get<TStoredMethodJson>(`/v1/payment_methods/${id}`);
const updateMethod = (id: string, body: unknown, idempotencyKey?: string) =>
  gw.api.post<TStoredMethodJson>(`/v1/payment_methods/${id}`, body, { idempotencyKey });
const deleteMethod = (id: string, idempotencyKey?: string) =>
  gw.api.delete<Record<string, never>>(`/v1/payment_methods/${id}`, { idempotencyKey });

describe("POST /v1/payment_methods (store)", () => {
  it("stores a card: display facts and the billing ZIP, never the number; the token is spent", async () => {
    const token = await tokenizeCard(gw, "5555 5555 5555 4444", { expiry: "04/29", zip: "10001" });
    const res = await storeMethod(gw, token);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^pm_[0-9a-f]{24}$/),
      kind: "card",
      brand: "mastercard",
      last4: "4444",
      exp_month: 4,
      exp_year: 2029,
      bank_name: null,
      bank_account_type: null,
      billing_zip: "10001",
      fingerprint: expect.stringMatching(/^fp_[\w-]{24}$/),
      created_at: gw.clock.now().toISOString(),
    });
    expect(res.text).not.toContain("5555555555554444");
    // The same card again (another expiry, another ZIP) has the same fingerprint; another card not.
    const again = await storeMethod(gw, await tokenizeCard(gw, "5555555555554444", { expiry: "05/30" }));
    expect(again.body.fingerprint).toBe(res.body.fingerprint);
    const other = await storeMethod(gw, await tokenizeCard(gw, "4111 1111 1111 1111"));
    expect(other.body.fingerprint).not.toBe(res.body.fingerprint);
    // Single use, as for a payment: neither a second store nor a charge can use the token.
    expect((await storeMethod(gw, token)).body.error?.code).toBe("token_used");
    expect((await pay(gw, token)).body.error?.code).toBe("token_used");
  });

  it.each([
    ["011000015", "Federal Reserve Bank of Boston"],
    ["021000021", "JPMorgan Chase Bank, N.A."],
    ["123456780", null], // passes the ABA checksum but is in no table: no name rather than a guess
  ])("stores a bank account on routing %s: bank name %s, no expiry, no ZIP", async (routing, bankName) => {
    const res = await storeMethod(
      gw,
      await tokenizeAch(gw, { routing, account: "000123456789", type: "savings" }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^pm_/),
      kind: "ach",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      bank_name: bankName,
      bank_account_type: "savings",
      billing_zip: null,
      fingerprint: expect.stringMatching(/^fp_[\w-]{24}$/),
      created_at: expect.any(String),
    });
  });

  it.each([
    ["4000 0000 0000 0002", "generic"],
    ["4000 0000 0000 9995", "insufficient_funds"],
    ["4000 0000 0000 0069", "expired_card"],
    ["4000 0000 0000 0127", "cvv_mismatch"],
    ["4000 0000 0000 0036", "zip_mismatch"],
  ])(
    "refuses %s at its $0 verification: 402 card_declined %s, and spends the token",
    async (number, code) => {
      const token = await tokenizeCard(gw, number);
      const res = await storeMethod(gw, token);
      expect(res.status).toBe(402);
      expect(res.body).toEqual({
        error: {
          code: "card_declined",
          message: expect.any(String),
          retryable: false,
          decline_code: code,
          decline_message: expect.any(String),
        },
      });
      expect((await pay(gw, token)).body.error?.code).toBe("token_used");
    },
  );

  it("refuses an unknown (400), spent or expired (410) token, and a body that is not {token}", async () => {
    expect((await storeMethod(gw, "tok_000000000000000000000000")).status).toBe(400);
    const expired = await tokenizeCard(gw, "4111 1111 1111 1111");
    gw.clock.advance(16 * 60_000);
    const late = await storeMethod(gw, expired);
    expect(late.status).toBe(410);
    expect(late.body.error?.code).toBe("token_expired");
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    for (const body of [{}, { token, kind: "card" }, { token: 42 }]) {
      const res = await gw.api.post("/v1/payment_methods", body);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
    expect((await storeMethod(gw, token)).status).toBe(201);
  });

  it("is idempotent: a retry with the same key replays the method, and stores once", async () => {
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    const key = randomUUID();
    const first = await storeMethod(gw, token, key);
    const again = await storeMethod(gw, token, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // A declined store replays its 402 too.
    const declinedKey = randomUUID();
    const declined = await tokenizeCard(gw, "4000 0000 0000 0002");
    const d1 = await storeMethod(gw, declined, declinedKey);
    const d2 = await storeMethod(gw, declined, declinedKey);
    expect(d1.status).toBe(402);
    expect(d2.text).toBe(d1.text);
  });

  it("needs an Idempotency-Key on store, update and delete", async () => {
    const method = await storedCard();
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    for (const res of [
      await gw.api.post("/v1/payment_methods", { token }, { idempotencyKey: null }),
      await gw.api.post(
        `/v1/payment_methods/${method.id}`,
        { exp_month: 1, exp_year: 2031 },
        { idempotencyKey: null },
      ),
      await gw.api.delete(`/v1/payment_methods/${method.id}`, { idempotencyKey: null }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
    expect((await getMethod(method.id)).body.exp_year).toBe(2030);
  });
});

describe("GET, update and delete a stored method", () => {
  it("GET answers the method as stored; an unknown id is 404 not_found; PUT is 405", async () => {
    const method = await storedCard();
    const res = await getMethod(method.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(method);
    const missing = await getMethod("pm_000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe("not_found");
    const put = await fetch(`${gw.url}/v1/payment_methods/${method.id}`, {
      method: "PUT",
      headers: { authorization: "Bearer sk_test_contract" },
    });
    expect(put.status).toBe(405);
  });

  it("updates a card's expiry; later charges carry it", async () => {
    const method = await storedCard("6011 1111 1111 1117");
    const res = await updateMethod(method.id, { exp_month: 3, exp_year: 2031 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...method, exp_month: 3, exp_year: 2031 });
    expect((await getMethod(method.id)).body).toEqual(res.body);
    const charge = await payStored(gw, method.id, 2500); // $25.00
    expect(charge.body.method).toMatchObject({
      brand: "discover",
      last4: "1117",
      exp_month: 3,
      exp_year: 2031,
    });
  });

  it.each([
    ["month 13", { exp_month: 13, exp_year: 2031 }],
    ["month 0", { exp_month: 0, exp_year: 2031 }],
    ["a two-digit year", { exp_month: 3, exp_year: 31 }],
    ["a month as a string", { exp_month: "03", exp_year: 2031 }],
    ["a missing year", { exp_month: 3 }],
    ["an unknown field", { exp_month: 3, exp_year: 2031, last4: "4242" }],
    ["last month (May 2026, now June 2026)", { exp_month: 5, exp_year: 2026 }],
    ["more than 20 years ahead", { exp_month: 1, exp_year: 2047 }],
  ])("refuses an expiry with %s: 400 invalid_request, nothing changes", async (_name, body) => {
    const method = await storedCard();
    const res = await updateMethod(method.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request", retryable: false });
    expect((await getMethod(method.id)).body).toEqual(method);
  });

  it("accepts the current month and 20 years ahead", async () => {
    const method = await storedCard();
    expect((await updateMethod(method.id, { exp_month: 6, exp_year: 2026 })).status).toBe(200);
    expect((await updateMethod(method.id, { exp_month: 12, exp_year: 2046 })).status).toBe(200);
  });

  it("refuses an expiry for a bank account (400) and for an unknown method (404)", async () => {
    const ach = await storeMethod(gw, await tokenizeAch(gw));
    const res = await updateMethod(ach.body.id, { exp_month: 3, exp_year: 2031 });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_request");
    expect((await updateMethod("pm_000000000000000000000000", { exp_month: 3, exp_year: 2031 })).status).toBe(
      404,
    );
  });

  it("deletes: 200 {}, then GET, update and charges are refused; deleting again is 200 {}", async () => {
    const method = await storedCard();
    const res = await deleteMethod(method.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await getMethod(method.id)).status).toBe(404);
    expect((await updateMethod(method.id, { exp_month: 3, exp_year: 2031 })).status).toBe(404);
    const charge = await payStored(gw, method.id);
    expect(charge.status).toBe(404);
    expect(charge.body).toEqual({
      error: { code: "payment_method_not_found", message: expect.any(String), retryable: false },
    });
    const again = await deleteMethod(method.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({});
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });

  it("deleting an id the gateway never issued is 404 not_found; a replayed delete replays", async () => {
    const missing = await deleteMethod("pm_000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe("not_found");
    const method = await storedCard();
    const key = randomUUID();
    expect((await deleteMethod(method.id, key)).status).toBe(200);
    const replay = await deleteMethod(method.id, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // The same key on another endpoint is a reuse.
    expect((await updateMethod(method.id, { exp_month: 3, exp_year: 2031 }, key)).status).toBe(422);
  });
});

describe("charging a stored method", () => {
  it("charges an approved card as often as asked: two payments, no stored_method on either", async () => {
    const method = await storedCard("3782 822463 10005");
    const first = await payStored(gw, method.id, 12540); // $125.40
    const second = await payStored(gw, method.id, 6000); // $60.00
    for (const [res, amount] of [
      [first, 12540],
      [second, 6000],
    ] as const) {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: "approved",
        amount_cents: amount,
        decline_code: null,
        method: { kind: "card", brand: "amex", last4: "0005", exp_month: 12, exp_year: 2030 },
        stored_method: null,
      });
      expect(res.body.authorization_code).toMatch(/^[A-Z0-9]{6}$/);
    }
    expect(second.body.id).not.toBe(first.body.id);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${first.body.id}`)).body).toEqual(first.body);
  });

  it("a stored 0119 card gives the retryable 502 processor_error on every charge, charging nothing", async () => {
    const method = await storedCard("4000 0000 0000 0119");
    for (let i = 0; i < 2; i++) {
      const res = await payStored(gw, method.id, 5000); // $50.00
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ code: "processor_error", retryable: true });
    }
  });

  it("a stored 0259 card approves and never answers; the payment is found by its key", async () => {
    const method = await storedCard("4000 0000 0000 0259");
    const key = randomUUID();
    await expect(
      payStored(gw, method.id, 12540, { idempotencyKey: key, signal: AbortSignal.timeout(500) }),
    ).rejects.toThrow(/abort|timeout/i);
    const found = await gw.api.get<{ data: TPaymentJson[] }>(`/v1/payments?idempotency_key=${key}`);
    expect(found.body.data).toMatchObject([{ status: "approved", method: { last4: "0259" } }]);
    const retry = await payStored(gw, method.id, 12540, { idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(found.body.data[0]);
  });

  it("a stored bank account ending 0000 is approved, then returned R01 at settlement; others settle", async () => {
    const r01 = await storeMethod(gw, await tokenizeAch(gw, { account: "55550000" }));
    const good = await storeMethod(gw, await tokenizeAch(gw, { account: "987654321" }));
    const returned = await payStored(gw, r01.body.id, 8900); // $89.00
    const settled = await payStored(gw, good.body.id, 8900);
    expect(returned.body).toMatchObject({
      status: "approved",
      authorization_code: null,
      method: { kind: "ach" },
    });
    expect((await gw.api.post("/v1/settlements", {})).status).toBe(200);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${returned.body.id}`)).body).toMatchObject({
      status: "returned",
      return_code: "R01",
    });
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${settled.body.id}`)).body).toMatchObject({
      status: "approved",
      settled_at: expect.any(String),
    });
  });

  it("an unknown method is 404 payment_method_not_found; a source needs exactly one of token and stored_method_id", async () => {
    const unknown = await payStored(gw, "pm_000000000000000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("payment_method_not_found");
    const method = await storedCard();
    const token = await tokenizeCard(gw, "4111 1111 1111 1111");
    for (const source of [{}, { token, stored_method_id: method.id }, { stored_method_id: "" }]) {
      const res = await gw.api.post("/v1/payments", { ...paymentBody(token), source });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("invalid_request");
    }
  });

  it("a stored card past its expiry is declined expired_card; updating the expiry cures it", async () => {
    const own = await startTestGateway();
    try {
      const token = await tokenizeCard(own, "4111 1111 1111 1111", { expiry: "07/26" });
      const method = (await storeMethod(own, token)).body;
      expect((await payStored(own, method.id, 1000)).body.status).toBe("approved"); // $10.00
      own.clock.advance(61 * DAY_MS); // 1 August 2026
      const late = await payStored(own, method.id, 1000);
      expect(late.status).toBe(201);
      expect(late.body).toMatchObject({
        status: "declined",
        decline_code: "expired_card",
        authorization_code: null,
      });
      const updated = await own.api.post<TStoredMethodJson>(`/v1/payment_methods/${method.id}`, {
        exp_month: 7,
        exp_year: 2029,
      });
      expect(updated.status).toBe(200);
      expect((await payStored(own, method.id, 1000)).body).toMatchObject({
        status: "approved",
        method: { exp_month: 7, exp_year: 2029 },
      });
    } finally {
      await own.close();
    }
  });
});

describe("save_method on a payment", () => {
  it("an approved payment answers the new stored method, which can then be charged", async () => {
    const token = await tokenizeCard(gw, "4111 1111 1111 1111", { zip: "19103" });
    const res = await gw.api.post<TPaymentJson>(
      "/v1/payments",
      paymentBody(token, 12540, { save_method: true }),
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("approved");
    const saved = res.body.stored_method;
    expect(saved).toEqual({
      id: expect.stringMatching(/^pm_/),
      kind: "card",
      brand: "visa",
      last4: "1111",
      exp_month: 12,
      exp_year: 2030,
      bank_name: null,
      bank_account_type: null,
      billing_zip: "19103",
      fingerprint: expect.stringMatching(/^fp_[\w-]{24}$/),
      created_at: res.body.created_at,
    });
    expect((await getMethod(saved!.id)).body).toEqual(saved);
    // GET of the payment names it too (a client that lost the answer reconciles it by key).
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${res.body.id}`)).body).toEqual(res.body);
    const again = await payStored(gw, saved!.id, 3000); // $30.00
    expect(again.body).toMatchObject({ status: "approved", method: { last4: "1111" }, stored_method: null });
    // Once deleted, the payment no longer shows it.
    await deleteMethod(saved!.id);
    expect((await gw.api.get<TPaymentJson>(`/v1/payments/${res.body.id}`)).body.stored_method).toBeNull();
  });

  it("saves a bank account too", async () => {
    const token = await tokenizeAch(gw, { routing: "026009593", account: "12340000" });
    const res = await gw.api.post<TPaymentJson>(
      "/v1/payments",
      paymentBody(token, 8900, { save_method: true }),
    );
    expect(res.body.stored_method).toMatchObject({
      kind: "ach",
      last4: "0000",
      bank_name: "Bank of America, N.A.",
      bank_account_type: "checking",
    });
  });

  it("a declined payment saves nothing: stored_method null", async () => {
    const token = await tokenizeCard(gw, "4000 0000 0000 9995");
    const res = await gw.api.post<TPaymentJson>(
      "/v1/payments",
      paymentBody(token, 5000, { save_method: true }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "declined",
      decline_code: "insufficient_funds",
      stored_method: null,
    });
  });

  it("save_method false, or left out, saves nothing", async () => {
    for (const extra of [{ save_method: false }, {}]) {
      const token = await tokenizeCard(gw, "4111 1111 1111 1111");
      const res = await gw.api.post<TPaymentJson>("/v1/payments", paymentBody(token, 5000, extra));
      expect(res.body).toMatchObject({ status: "approved", stored_method: null });
    }
  });

  it("with a stored source is 400 invalid_request, not recorded (the key stays free)", async () => {
    const method = await storedCard();
    const key = randomUUID();
    const body = { ...paymentBody("", 5000), source: { stored_method_id: method.id } };
    const res = await gw.api.post("/v1/payments", { ...body, save_method: true }, { idempotencyKey: key });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/save_method/),
    });
    expect((await gw.api.post("/v1/payments", body, { idempotencyKey: key })).status).toBe(201);
  });

  it("a replay of a saving payment gives the same stored method, not a second one", async () => {
    const key = randomUUID();
    const body = paymentBody(await tokenizeCard(gw, "4111 1111 1111 1111"), 700, { save_method: true }); // $7.00
    const first = await gw.api.post<TPaymentJson>("/v1/payments", body, { idempotencyKey: key });
    const second = await gw.api.post<TPaymentJson>("/v1/payments", body, { idempotencyKey: key });
    expect(second.text).toBe(first.text);
    expect(first.body.stored_method?.id).toMatch(/^pm_/);
  });
});
