import { describe, expect, it } from "vitest";
import { createHttpGateway } from "@/lib/gateway/client";

const payment = {
  id: "pay_1",
  status: "approved",
  amount_cents: 12540, // $125.40
  currency: "USD",
  refunded_cents: 0,
  authorization_code: "A1B2C3",
  decline_code: null,
  decline_message: null,
  method: { kind: "card", brand: "visa", last4: "1111", exp_month: 12, exp_year: 2030 },
  reference: "cm_payment",
  idempotency_key: "cm_payment",
  settled_at: null,
  voided_at: null,
  returned_at: null,
  return_code: null,
  created_at: "2026-11-24T12:00:00.000Z",
};

type TCall = { url: string; init: RequestInit };

/** A fetch that records calls and answers with the given responses, or throws them. */
const stubFetch = (answers: Array<Response | Error>) => {
  const calls: TCall[] = [];
  const fn = (async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), init });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { fn, calls };
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const gatewayWith = (answers: Array<Response | Error>) => {
  const stub = stubFetch(answers);
  return {
    ...stub,
    gateway: createHttpGateway({ baseUrl: "http://gw.test", apiKey: "sk_test", fetch: stub.fn }),
  };
};

const chargeInput = {
  amountCents: 12540, // $125.40
  currency: "USD",
  source: { token: "tok_abc" },
  reference: "cm_payment",
  idempotencyKey: "cm_payment",
};

describe("createHttpGateway", () => {
  it("sends the API key, the idempotency key and the amount in cents, and parses the payment", async () => {
    const { gateway, calls } = gatewayWith([json(201, payment)]);
    const result = await gateway.createPayment(chargeInput);
    expect(result).toMatchObject({
      id: "pay_1",
      status: "approved",
      amountCents: 12540,
      authorizationCode: "A1B2C3",
    });
    expect(result.method).toEqual({
      kind: "card",
      brand: "visa",
      last4: "1111",
      expMonth: 12,
      expYear: 2030,
    });
    const [call] = calls;
    expect(call!.url).toBe("http://gw.test/v1/payments");
    const headers = call!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer sk_test");
    expect(headers["idempotency-key"]).toBe("cm_payment");
    expect(JSON.parse(call!.init.body as string)).toEqual({
      amount_cents: 12540,
      currency: "USD",
      source: { token: "tok_abc" },
      reference: "cm_payment",
    });
  });

  it("treats a timeout, a 500 or an unreadable answer on a charge as INDETERMINATE", async () => {
    const timeout = Object.assign(new Error("The operation was aborted"), { name: "TimeoutError" });
    for (const answer of [timeout, json(500, { error: { code: "internal" } }), json(201, { id: "pay_1" })]) {
      const { gateway } = gatewayWith([answer]);
      await expect(gateway.createPayment(chargeInput)).rejects.toMatchObject({ code: "INDETERMINATE" });
    }
  });

  it("sends a charge again once, with the same idempotency key, when its connection was dropped", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { gateway, calls } = gatewayWith([reset, json(201, payment)]);
    await expect(gateway.createPayment(chargeInput)).resolves.toMatchObject({ id: payment.id });
    expect(calls).toHaveLength(2);
    const keys = calls.map((c) => (c.init.headers as Record<string, string>)["idempotency-key"]);
    expect(keys).toEqual([chargeInput.idempotencyKey, chargeInput.idempotencyKey]);
  });

  it("sends it only once more: a second drop leaves the charge INDETERMINATE, and a timeout is never resent", async () => {
    const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const twice = gatewayWith([reset(), reset(), json(201, payment)]);
    await expect(twice.gateway.createPayment(chargeInput)).rejects.toMatchObject({ code: "INDETERMINATE" });
    expect(twice.calls).toHaveLength(2);
    const timeout = Object.assign(new Error("The operation was aborted"), { name: "TimeoutError" });
    const late = gatewayWith([timeout, json(201, payment)]);
    await expect(late.gateway.createPayment(chargeInput)).rejects.toMatchObject({ code: "INDETERMINATE" });
    expect(late.calls).toHaveLength(1);
  });

  it("reports the gateway's processor_error as retryable (nothing was charged)", async () => {
    const { gateway } = gatewayWith([json(502, { error: { code: "processor_error", retryable: true } })]);
    await expect(gateway.createPayment(chargeInput)).rejects.toMatchObject({
      code: "PROCESSOR_ERROR",
      isRetryable: true,
    });
  });

  it("finds a payment by idempotency key, or null when the gateway never saw it", async () => {
    const { gateway, calls } = gatewayWith([json(200, { data: [payment] }), json(200, { data: [] })]);
    expect((await gateway.findPaymentByIdempotencyKey("cm payment/1"))?.id).toBe("pay_1");
    expect(calls[0]!.url).toBe("http://gw.test/v1/payments?idempotency_key=cm%20payment%2F1");
    expect(await gateway.findPaymentByIdempotencyKey("unknown")).toBeNull();
  });

  it("maps a refund refusal to its code", async () => {
    const { gateway } = gatewayWith([json(422, { error: { code: "amount_exceeds_refundable" } })]);
    await expect(
      gateway.refundPayment({
        paymentId: "pay_1",
        amountCents: 99999,
        reason: "test",
        idempotencyKey: "re_1",
      }),
    ).rejects.toMatchObject({ code: "AMOUNT_EXCEEDS_REFUNDABLE", gatewayCode: "amount_exceeds_refundable" });
  });
});

const storedCard = {
  id: "pm_1",
  kind: "card",
  brand: "visa",
  last4: "4242",
  exp_month: 4,
  exp_year: 2029,
  bank_name: null,
  bank_account_type: null,
  billing_zip: "19103",
  fingerprint: "fp_Yk3u9QWm0cLz2Rt7fZr8aLdX",
  created_at: "2026-11-24T12:00:00.000Z",
};

describe("createHttpGateway: stored methods", () => {
  it("stores a token: POST /v1/payment_methods with the idempotency key, parsed to the portal's shape", async () => {
    const { gateway, calls } = gatewayWith([json(201, storedCard)]);
    const method = await gateway.storePaymentMethod({ token: "tok_abc", idempotencyKey: "cm_method" });
    expect(method).toEqual({
      id: "pm_1",
      kind: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 4,
      expYear: 2029,
      bankName: null,
      bankAccountType: null,
      billingZip: "19103",
      fingerprint: "fp_Yk3u9QWm0cLz2Rt7fZr8aLdX",
      createdAt: new Date("2026-11-24T12:00:00.000Z"),
    });
    const [call] = calls;
    expect(call!.url).toBe("http://gw.test/v1/payment_methods");
    expect(call!.init.method).toBe("POST");
    expect((call!.init.headers as Record<string, string>)["idempotency-key"]).toBe("cm_method");
    expect(JSON.parse(call!.init.body as string)).toEqual({ token: "tok_abc" });
  });

  it("reads a method from a gateway without fingerprints as having none", async () => {
    const { fingerprint: _none, ...older } = storedCard;
    const { gateway } = gatewayWith([json(201, older)]);
    const method = await gateway.storePaymentMethod({ token: "tok_abc", idempotencyKey: "k" });
    expect(method).toMatchObject({ id: "pm_1", fingerprint: null });
  });

  it("reports a card refused when stored as CARD_DECLINED with its decline code, not retryable", async () => {
    const { gateway } = gatewayWith([
      json(402, {
        error: {
          code: "card_declined",
          message: "The card has insufficient funds.",
          retryable: false,
          decline_code: "insufficient_funds",
          decline_message: "The card has insufficient funds.",
        },
      }),
    ]);
    await expect(gateway.storePaymentMethod({ token: "tok_abc", idempotencyKey: "k" })).rejects.toMatchObject(
      {
        name: "GatewayError",
        code: "CARD_DECLINED",
        gatewayCode: "card_declined",
        declineCode: "insufficient_funds",
        status: 402,
        isRetryable: false,
      },
    );
  });

  it("treats a store that timed out as INDETERMINATE (retry with the same key)", async () => {
    const timeout = Object.assign(new Error("The operation was aborted"), { name: "TimeoutError" });
    const { gateway } = gatewayWith([timeout]);
    await expect(gateway.storePaymentMethod({ token: "tok_abc", idempotencyKey: "k" })).rejects.toMatchObject(
      {
        code: "INDETERMINATE",
      },
    );
  });

  it("vaults a bank account from its numbers: POST /v1/payment_methods {bank_account}, parsed to the portal's shape", async () => {
    const storedAch = {
      ...storedCard,
      id: "pm_2",
      kind: "ach",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      bank_name: "JPMorgan Chase Bank, N.A.",
      bank_account_type: "savings",
      billing_zip: null,
    };
    const { gateway, calls } = gatewayWith([json(201, storedAch)]);
    const method = await gateway.storeBankAccount({
      routingNumber: "021000021",
      accountNumber: "000123456789",
      accountType: "savings",
      holderName: "Robin Hale",
      holderType: "individual",
      idempotencyKey: "enroll:abc:2",
    });
    expect(method).toMatchObject({
      id: "pm_2",
      kind: "ach",
      last4: "6789",
      bankName: "JPMorgan Chase Bank, N.A.",
      bankAccountType: "savings",
      expMonth: null,
    });
    const [call] = calls;
    expect(call!.url).toBe("http://gw.test/v1/payment_methods");
    expect(call!.init.method).toBe("POST");
    expect((call!.init.headers as Record<string, string>)["idempotency-key"]).toBe("enroll:abc:2");
    expect(JSON.parse(call!.init.body as string)).toEqual({
      bank_account: {
        routing_number: "021000021",
        account_number: "000123456789",
        account_type: "savings",
        account_holder_name: "Robin Hale",
        account_holder_type: "individual",
      },
    });
  });

  it("maps refused bank numbers to INVALID_REQUEST and a lost answer to INDETERMINATE", async () => {
    const input = {
      routingNumber: "021000021",
      accountNumber: "000123456789",
      accountType: "checking" as const,
      holderName: "Robin Hale",
      holderType: "company" as const,
      idempotencyKey: "k",
    };
    const refused = json(400, {
      error: {
        code: "invalid_request",
        message: "Some fields are not valid.",
        retryable: false,
        fields: { routing_number: "This routing number is not valid. Check it on a check." },
      },
    });
    const timeout = Object.assign(new Error("The operation was aborted"), { name: "TimeoutError" });
    const { gateway } = gatewayWith([refused, timeout, json(503, { error: { code: "unavailable" } })]);
    await expect(gateway.storeBankAccount(input)).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      isRetryable: false,
    });
    await expect(gateway.storeBankAccount(input)).rejects.toMatchObject({ code: "INDETERMINATE" });
    await expect(gateway.storeBankAccount(input)).rejects.toMatchObject({ code: "INDETERMINATE" });
  });

  it("reads, updates and deletes a method at /v1/payment_methods/:id", async () => {
    const ach = {
      ...storedCard,
      id: "pm 2/x",
      kind: "ach",
      brand: null,
      last4: "6789",
      exp_month: null,
      exp_year: null,
      bank_name: "Federal Reserve Bank of Boston",
      bank_account_type: "savings",
      billing_zip: null,
    };
    const { gateway, calls } = gatewayWith([
      json(200, ach),
      json(200, { ...storedCard, exp_month: 3, exp_year: 2031 }),
      json(200, {}),
    ]);
    expect(await gateway.getPaymentMethod("pm 2/x")).toMatchObject({
      kind: "ach",
      expMonth: null,
      bankName: "Federal Reserve Bank of Boston",
      bankAccountType: "savings",
    });
    expect(calls[0]!.url).toBe("http://gw.test/v1/payment_methods/pm%202%2Fx");
    expect(calls[0]!.init.method).toBe("GET");

    const updated = await gateway.updatePaymentMethod({
      methodId: "pm_1",
      expMonth: 3,
      expYear: 2031,
      idempotencyKey: "k_update",
    });
    expect(updated).toMatchObject({ expMonth: 3, expYear: 2031 });
    expect(calls[1]!.url).toBe("http://gw.test/v1/payment_methods/pm_1");
    expect(calls[1]!.init.method).toBe("POST");
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual({ exp_month: 3, exp_year: 2031 });

    await expect(gateway.deletePaymentMethod({ methodId: "pm_1", idempotencyKey: "k_delete" })).resolves.toBe(
      undefined,
    );
    expect(calls[2]!.init.method).toBe("DELETE");
    expect(calls[2]!.init.body).toBeUndefined();
    expect((calls[2]!.init.headers as Record<string, string>)["idempotency-key"]).toBe("k_delete");
  });

  it("maps an unknown method to NOT_FOUND on a read and a refused expiry to INVALID_REQUEST", async () => {
    const { gateway } = gatewayWith([
      json(404, { error: { code: "not_found" } }),
      json(400, {
        error: { code: "invalid_request", message: "exp_month, exp_year: this expiry has passed." },
      }),
    ]);
    await expect(gateway.getPaymentMethod("pm_x")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      gateway.updatePaymentMethod({ methodId: "pm_1", expMonth: 1, expYear: 2020, idempotencyKey: "k" }),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("charges a stored method (stored_method_id) and refuses a deleted one as PAYMENT_METHOD_NOT_FOUND", async () => {
    const { gateway, calls } = gatewayWith([
      json(201, { ...payment, stored_method: null }),
      json(404, { error: { code: "payment_method_not_found", retryable: false } }),
    ]);
    const charged = await gateway.createPayment({ ...chargeInput, source: { storedMethodId: "pm_1" } });
    expect(charged.storedMethod).toBeNull();
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      amount_cents: 12540,
      currency: "USD",
      source: { stored_method_id: "pm_1" },
      reference: "cm_payment",
    });
    await expect(
      gateway.createPayment({ ...chargeInput, source: { storedMethodId: "pm_gone" } }),
    ).rejects.toMatchObject({
      code: "PAYMENT_METHOD_NOT_FOUND",
      gatewayCode: "payment_method_not_found",
      isRetryable: false,
    });
  });

  it("asks to save the method only when saveMethod is set, and parses the stored method it gets", async () => {
    const { gateway, calls } = gatewayWith([json(201, { ...payment, stored_method: storedCard })]);
    const charged = await gateway.createPayment({ ...chargeInput, saveMethod: true });
    expect(JSON.parse(calls[0]!.init.body as string)).toMatchObject({
      source: { token: "tok_abc" },
      save_method: true,
    });
    expect(charged.storedMethod).toMatchObject({ id: "pm_1", last4: "4242", billingZip: "19103" });
  });

  it("sends a wallet source as the wallet gave it, under apple_pay / google_pay, and reads the wallet method", async () => {
    const appleToken = {
      paymentData: { version: "EC_v1", data: "ZGF0YQ==", signature: "c2ln", header: { transactionId: "ab" } },
      paymentMethod: { displayName: "Visa 1111", network: "Visa", type: "credit" },
      transactionIdentifier: "AB",
    };
    const googlePay = {
      token: '{"protocolVersion":"ECv2"}',
      info: { cardNetwork: "VISA", cardDetails: "1111" },
    };
    const { gateway, calls } = gatewayWith([
      json(201, { ...payment, method: { ...payment.method, kind: "apple_pay" } }),
      json(201, { ...payment, method: { ...payment.method, kind: "google_pay" } }),
    ]);
    const apple = await gateway.createPayment({
      ...chargeInput,
      source: { applePay: { token: appleToken } },
    });
    const google = await gateway.createPayment({ ...chargeInput, source: { googlePay } });
    expect(JSON.parse(calls[0]!.init.body as string).source).toEqual({ apple_pay: { token: appleToken } });
    expect(JSON.parse(calls[1]!.init.body as string).source).toEqual({ google_pay: googlePay });
    expect(apple.method).toMatchObject({ kind: "apple_pay", brand: "visa", last4: "1111" });
    expect(google.method.kind).toBe("google_pay");
  });

  it("maps the wallet refusals: a token not issued (INVALID_TOKEN), a method not storable (WALLET_NOT_STORABLE)", async () => {
    const { gateway } = gatewayWith([
      json(400, { error: { code: "wallet_token_invalid", retryable: false } }),
      json(400, { error: { code: "wallet_method_not_storable", retryable: false } }),
    ]);
    const source = { googlePay: { token: "x", info: { cardNetwork: "VISA", cardDetails: "1111" } } };
    await expect(gateway.createPayment({ ...chargeInput, source })).rejects.toMatchObject({
      code: "INVALID_TOKEN",
      gatewayCode: "wallet_token_invalid",
    });
    await expect(gateway.createPayment({ ...chargeInput, source, saveMethod: true })).rejects.toMatchObject({
      code: "WALLET_NOT_STORABLE",
      isRetryable: false,
    });
  });

  it("asks for an Apple Pay merchant session and keeps Apple's object whole", async () => {
    const session = {
      epochTimestamp: 1780326000000,
      expiresAt: 1780326300000,
      merchantSessionIdentifier: "SSH0123_SANDBOX",
      nonce: "a1b2c3d4",
      merchantIdentifier: "ABCDEF",
      domainName: "pay.example.org",
      displayName: "Riverside Family Medicine",
      signature: "c2ln",
      operationalAnalyticsIdentifier: "Riverside Family Medicine:SANDBOX",
      retries: 0,
    };
    const { gateway, calls } = gatewayWith([
      json(201, session),
      json(400, { error: { code: "invalid_validation_url", retryable: false } }),
    ]);
    const input = {
      validationUrl: "https://apple-pay-gateway.apple.com/paymentservices/paymentSession",
      domainName: "pay.example.org",
      displayName: "Riverside Family Medicine",
      idempotencyKey: "ms-1",
    };
    expect(await gateway.createApplePayMerchantSession(input)).toEqual(session);
    expect(calls[0]!.url).toBe("http://gw.test/v1/apple_pay/merchant_sessions");
    expect(new Headers(calls[0]!.init.headers).get("idempotency-key")).toBe("ms-1");
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      validation_url: input.validationUrl,
      domain_name: "pay.example.org",
      display_name: "Riverside Family Medicine",
    });
    await expect(
      gateway.createApplePayMerchantSession({ ...input, validationUrl: "https://evil.example/" }),
    ).rejects.toMatchObject({ code: "APPLE_PAY_NOT_ALLOWED", gatewayCode: "invalid_validation_url" });
  });
});

describe("settlement batches", () => {
  const batch = {
    id: "sb_1",
    merchant_id: "sandbox_portal",
    trace_number: "011000010000001",
    effective_date: "2026-06-08",
    settled_at: "2026-06-06T01:00:00.000Z",
    currency: "USD",
    item_count: 3,
    sales: { count: 2, amount_cents: 14000 }, // $140.00
    refunds: { count: 1, amount_cents: 2500 }, // $25.00
    returns: { count: 0, amount_cents: 0 },
    chargebacks: { count: 0, amount_cents: 0 },
    net_cents: 11500, // $115.00
    created_at: "2026-06-06T01:00:00.000Z",
  };
  const item = (n: number, kind = "sale") => ({
    id: `sbi_${n}`,
    kind,
    payment_id: `pay_${n}`,
    refund_id: kind === "refund" ? `re_${n}` : null,
    amount_cents: 1000 * n,
  });

  it("lists batches with the filters as query parameters, parsed to cents and dates", async () => {
    const { gateway, calls } = gatewayWith([json(200, { data: [batch], has_more: true })]);
    const list = await gateway.listSettlementBatches({
      createdSince: new Date("2026-06-01T00:00:00Z"),
      startingAfter: "sb_0",
      limit: 10,
    });
    expect(calls[0]!.url).toBe(
      "http://gw.test/v1/settlement-batches?created_since=2026-06-01T00%3A00%3A00.000Z&starting_after=sb_0&limit=10",
    );
    expect(calls[0]!.init.method).toBe("GET");
    expect(list).toEqual({
      hasMore: true,
      data: [
        {
          id: "sb_1",
          merchantId: "sandbox_portal",
          traceNumber: "011000010000001",
          effectiveDate: new Date("2026-06-08T00:00:00.000Z"),
          settledAt: new Date("2026-06-06T01:00:00.000Z"),
          currency: "USD",
          itemCount: 3,
          sales: { count: 2, amountCents: 14000 },
          refunds: { count: 1, amountCents: 2500 },
          returns: { count: 0, amountCents: 0 },
          chargebacks: { count: 0, amountCents: 0 },
          netCents: 11500,
          createdAt: new Date("2026-06-06T01:00:00.000Z"),
        },
      ],
    });
  });

  it("reads a batch and follows its transaction pages to the end", async () => {
    const { gateway, calls } = gatewayWith([
      json(200, { ...batch, transactions: { data: [item(1), item(2)], has_more: true } }),
      json(200, { data: [item(3, "refund")], has_more: false }),
    ]);
    const detail = await gateway.getSettlementBatch("sb_1");
    expect(calls.map((c) => c.url)).toEqual([
      "http://gw.test/v1/settlement-batches/sb_1",
      "http://gw.test/v1/settlement-batches/sb_1/transactions?starting_after=sbi_2",
    ]);
    expect(detail.traceNumber).toBe("011000010000001");
    expect(detail.transactions).toEqual([
      { id: "sbi_1", kind: "sale", paymentId: "pay_1", refundId: null, amountCents: 1000 },
      { id: "sbi_2", kind: "sale", paymentId: "pay_2", refundId: null, amountCents: 2000 },
      { id: "sbi_3", kind: "refund", paymentId: "pay_3", refundId: "re_3", amountCents: 3000 },
    ]);
  });

  it("refuses a batch that breaks the contract (a trace number not of 15 digits), and maps 404", async () => {
    const { gateway } = gatewayWith([
      json(200, { data: [{ ...batch, trace_number: "12345" }], has_more: false }),
      json(404, { error: { code: "not_found", message: "No such settlement batch.", retryable: false } }),
    ]);
    await expect(gateway.listSettlementBatches({})).rejects.toMatchObject({ code: "UNKNOWN" });
    await expect(gateway.getSettlementBatch("sb_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("createHttpGateway ping (the readiness check's call)", () => {
  it("asks GET /health without the API key and resolves when the gateway answers 2xx", async () => {
    const { gateway, calls } = gatewayWith([json(200, { status: "ok" })]);
    await expect(gateway.ping({ timeoutMs: 500 })).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe("http://gw.test/health");
    expect(calls[0]?.init.method ?? "GET").toBe("GET");
    expect(JSON.stringify(calls[0]?.init.headers)).not.toContain("sk_test");
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("throws a gateway error on a 5xx answer and on no answer at all", async () => {
    const { gateway } = gatewayWith([json(503, {}), new TypeError("fetch failed")]);
    await expect(gateway.ping({ timeoutMs: 500 })).rejects.toMatchObject({ status: 503 });
    await expect(gateway.ping({ timeoutMs: 500 })).rejects.toHaveProperty("code");
  });
});
