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
