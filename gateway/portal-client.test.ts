// The portal's client (lib/gateway/client.ts) against the real sandbox, for the stored-method
// calls: what the gateway answers is what the client's zod schemas and error mapping expect.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpGateway } from "@/lib/gateway/client";
import type { TApplePayPaymentToken, TGateway, TPaymentSource } from "@/lib/gateway/interface";
import {
  API_KEY,
  mintWallet,
  startTestGateway,
  tokenizeAch,
  tokenizeCard,
  type TTestGateway,
} from "./test/harness";

let gw: TTestGateway;
let client: TGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  client = createHttpGateway({ baseUrl: gw.url, apiKey: API_KEY, timeoutMs: 5000 });
});
afterAll(() => gw?.close());

const charge = (source: TPaymentSource, saveMethod?: boolean) =>
  client.createPayment({
    amountCents: 12540, // $125.40
    currency: "USD",
    source,
    reference: "cm_payment",
    idempotencyKey: randomUUID(),
    saveMethod,
  });

describe("the portal's gateway client with stored methods", () => {
  it("stores, reads, updates, charges and deletes a card", async () => {
    const stored = await client.storePaymentMethod({
      token: await tokenizeCard(gw, "4111 1111 1111 1111", { zip: "19103" }),
      idempotencyKey: randomUUID(),
    });
    expect(stored).toMatchObject({
      kind: "card",
      brand: "visa",
      last4: "1111",
      expMonth: 12,
      expYear: 2030,
      bankName: null,
      billingZip: "19103",
    });
    expect(stored.createdAt).toEqual(gw.clock.now());
    expect(await client.getPaymentMethod(stored.id)).toEqual(stored);
    const updated = await client.updatePaymentMethod({
      methodId: stored.id,
      expMonth: 2,
      expYear: 2032,
      idempotencyKey: randomUUID(),
    });
    expect(updated).toMatchObject({ expMonth: 2, expYear: 2032 });
    const paid = await charge({ storedMethodId: stored.id });
    expect(paid).toMatchObject({ status: "approved", storedMethod: null, method: { expYear: 2032 } });

    await client.deletePaymentMethod({ methodId: stored.id, idempotencyKey: randomUUID() });
    await client.deletePaymentMethod({ methodId: stored.id, idempotencyKey: randomUUID() });
    await expect(client.getPaymentMethod(stored.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(charge({ storedMethodId: stored.id })).rejects.toMatchObject({
      code: "PAYMENT_METHOD_NOT_FOUND",
    });
  });

  it("stores a bank account with its bank's name", async () => {
    const stored = await client.storePaymentMethod({
      token: await tokenizeAch(gw, { account: "123456789", type: "checking" }),
      idempotencyKey: randomUUID(),
    });
    expect(stored).toMatchObject({
      kind: "ach",
      brand: null,
      last4: "6789",
      expMonth: null,
      bankName: "Federal Reserve Bank of Boston",
      bankAccountType: "checking",
      billingZip: null,
    });
  });

  it("vaults a bank account from its numbers (storeBankAccount): a replay is the same method; refused numbers are INVALID_REQUEST", async () => {
    const input = {
      routingNumber: "021000021",
      accountNumber: "000123456789",
      accountType: "savings" as const,
      holderName: "Robin Hale",
      holderType: "company" as const,
      idempotencyKey: randomUUID(),
    };
    const stored = await client.storeBankAccount(input);
    expect(stored).toMatchObject({
      kind: "ach",
      brand: null,
      last4: "6789",
      bankName: "JPMorgan Chase Bank, N.A.",
      bankAccountType: "savings",
      billingZip: null,
    });
    expect(await client.storeBankAccount(input)).toEqual(stored);
    expect(await charge({ storedMethodId: stored.id })).toMatchObject({ status: "approved" });
    await expect(
      client.storeBankAccount({ ...input, routingNumber: "021000022", idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST", status: 400 });
  });

  it("surfaces a card refused when stored as CARD_DECLINED with its decline code", async () => {
    await expect(
      client.storePaymentMethod({
        token: await tokenizeCard(gw, "4000 0000 0000 0127"),
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: "CARD_DECLINED", declineCode: "cvv_mismatch", status: 402 });
  });

  it("saveMethod: an approved payment brings its stored method; a declined one null; a stored source refused", async () => {
    const paid = await charge({ token: await tokenizeCard(gw, "5555 5555 5555 4444") }, true);
    expect(paid.storedMethod).toMatchObject({ kind: "card", brand: "mastercard", last4: "4444" });
    expect((await client.findPaymentByIdempotencyKey(paid.idempotencyKey ?? ""))?.storedMethod).toEqual(
      paid.storedMethod,
    );
    const declined = await charge({ token: await tokenizeCard(gw, "4000 0000 0000 0002") }, true);
    expect(declined).toMatchObject({ status: "declined", storedMethod: null });
    await expect(charge({ storedMethodId: paid.storedMethod!.id }, true)).rejects.toMatchObject({
      code: "INVALID_REQUEST",
    });
  });
});

describe("the portal's gateway client with wallets", () => {
  it("pays with Apple Pay and Google Pay payloads as the wallets give them, and reads the wallet method", async () => {
    const apple = await mintWallet(gw, "apple_pay", "visa");
    const paid = await charge({
      applePay: { token: apple.source.apple_pay.token as unknown as TApplePayPaymentToken },
    });
    expect(paid).toMatchObject({
      status: "approved",
      method: { kind: "apple_pay", brand: "visa", last4: "1111" },
    });

    const google = await mintWallet(gw, "google_pay", "mastercard", "PAN_ONLY");
    const { token, info } = google.source.google_pay;
    const saved = await charge(
      { googlePay: { token, info: info as { cardNetwork: string; cardDetails: string } } },
      true,
    );
    expect(saved.method).toMatchObject({ kind: "google_pay", brand: "mastercard", last4: "4444" });
    expect(saved.storedMethod).toMatchObject({ kind: "card", brand: "mastercard", last4: "4444" });
    await expect(
      charge({ googlePay: { token, info: info as { cardNetwork: string; cardDetails: string } } }),
    ).rejects.toMatchObject({ code: "INVALID_TOKEN", gatewayCode: "token_used" });
  });

  it("maps the refusals: a device token not storable, a forged token", async () => {
    const apple = await mintWallet(gw, "apple_pay");
    const appleToken = apple.source.apple_pay.token as unknown as TApplePayPaymentToken;
    await expect(charge({ applePay: { token: appleToken } }, true)).rejects.toMatchObject({
      code: "WALLET_NOT_STORABLE",
    });
    await expect(
      charge({
        applePay: {
          token: { ...appleToken, paymentData: { ...appleToken.paymentData, signature: "forged" } },
        },
      }),
    ).rejects.toMatchObject({ code: "INVALID_TOKEN", gatewayCode: "wallet_token_invalid" });
  });

  it("gets an Apple Pay merchant session, or APPLE_PAY_NOT_ALLOWED for a URL that is not Apple's", async () => {
    const input = {
      validationUrl: "https://apple-pay-gateway.apple.com/paymentservices/paymentSession",
      domainName: "localhost",
      displayName: "Riverside Family Medicine",
      idempotencyKey: randomUUID(),
    };
    const session = await client.createApplePayMerchantSession(input);
    expect(session).toMatchObject({ domainName: "localhost", epochTimestamp: gw.clock.now().getTime() });
    await expect(
      client.createApplePayMerchantSession({
        ...input,
        validationUrl: "https://evil.example/",
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: "APPLE_PAY_NOT_ALLOWED" });
  });
});

describe("the portal's gateway client with settlement batches", () => {
  it("lists the batches after a time and reads one with its sales and refunds", async () => {
    await gw.api.post("/v1/settlements", {}); // a clean slate
    gw.clock.advance(1000);
    const since = gw.clock.now();
    const sale = await charge({ token: await tokenizeCard(gw, "4111 1111 1111 1111") });
    await gw.api.post("/v1/settlements", {});
    const refund = await client.refundPayment({
      paymentId: sale.id,
      amountCents: 540, // $5.40
      reason: "overpaid",
      idempotencyKey: randomUUID(),
    });
    const other = await charge({ token: await tokenizeAch(gw) });
    await gw.api.post("/v1/settlements", {});

    const list = await client.listSettlementBatches({ createdSince: since });
    expect(list.hasMore).toBe(false);
    expect(list.data).toHaveLength(2);
    const [first, second] = list.data;
    expect(first).toMatchObject({
      merchantId: "sandbox_portal",
      traceNumber: expect.stringMatching(/^\d{15}$/),
      effectiveDate: new Date("2026-06-02T00:00:00.000Z"),
      settledAt: gw.clock.now(),
      itemCount: 1,
      sales: { count: 1, amountCents: 12540 },
      netCents: 12540,
    });
    const page = await client.listSettlementBatches({ startingAfter: first?.id, limit: 1 });
    expect(page.data.map((b) => b.id)).toEqual([second?.id]);

    const detail = await client.getSettlementBatch(second?.id ?? "");
    expect(detail).toMatchObject({
      id: second?.id,
      itemCount: 2,
      refunds: { count: 1, amountCents: 540 },
      netCents: 12540 - 540,
    });
    expect(detail.transactions.map((t) => [t.kind, t.paymentId, t.refundId, t.amountCents])).toEqual([
      ["sale", other.id, null, 12540],
      ["refund", sale.id, refund.id, 540],
    ]);
    await expect(client.getSettlementBatch("sb_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the portal's gateway client's ping (the readiness check)", () => {
  it("is answered by the sandbox's /health, with no API key needed", async () => {
    await expect(client.ping({ timeoutMs: 2000 })).resolves.toBeUndefined();
    const keyless = createHttpGateway({ baseUrl: gw.url, apiKey: "sk_wrong" });
    await expect(keyless.ping({ timeoutMs: 2000 })).resolves.toBeUndefined();
  });
});
