import { describe, expect, it } from "vitest";
import { createFakeGateway, fakeApplePaySource, fakeGooglePaySource } from "@/lib/gateway/fake";

const input = (key: string, token: string) => ({
  amountCents: 5000, // $50.00
  currency: "USD",
  source: { token },
  reference: key,
  idempotencyKey: key,
});

describe("the fake gateway (for use-case tests) behaves like the real one", () => {
  it("replays a charge by idempotency key instead of charging twice", async () => {
    const gateway = createFakeGateway();
    const first = await gateway.createPayment(input("k1", "tok_ok_visa_1111"));
    const again = await gateway.createPayment(input("k1", "tok_ok_visa_1111"));
    expect(again.id).toBe(first.id);
    expect(gateway.chargeCount()).toBe(1);
  });

  it("approves then loses the answer for tok_timeout, but the charge is findable", async () => {
    const gateway = createFakeGateway();
    await expect(gateway.createPayment(input("k2", "tok_timeout"))).rejects.toMatchObject({
      code: "INDETERMINATE",
    });
    expect((await gateway.findPaymentByIdempotencyKey("k2"))?.status).toBe("approved");
  });

  it("voids only before settlement and refunds only after, never above the amount", async () => {
    const gateway = createFakeGateway();
    const p = await gateway.createPayment(input("k3", "tok_ok_visa_1111"));
    gateway.settleAll();
    await expect(gateway.voidPayment({ paymentId: p.id, idempotencyKey: "v1" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await gateway.refundPayment({ paymentId: p.id, amountCents: 4500, reason: "r", idempotencyKey: "r1" }); // $45.00
    await expect(
      gateway.refundPayment({ paymentId: p.id, amountCents: 501, reason: "r", idempotencyKey: "r2" }), // $5.01
    ).rejects.toMatchObject({ code: "AMOUNT_EXCEEDS_REFUNDABLE" });
    expect((await gateway.getPayment(p.id)).status).toBe("partially_refunded");
  });
});

describe("the fake gateway's stored methods", () => {
  const store = (gateway: ReturnType<typeof createFakeGateway>, token: string, key = token) =>
    gateway.storePaymentMethod({ token, idempotencyKey: `store-${key}` });
  const chargeStored = (gateway: ReturnType<typeof createFakeGateway>, key: string, storedMethodId: string) =>
    gateway.createPayment({ ...input(key, ""), source: { storedMethodId } });

  it("stores tok_ok_visa_4242 as a method whose charges approve with visa 4242, as often as asked", async () => {
    const gateway = createFakeGateway();
    const method = await store(gateway, "tok_ok_visa_4242");
    expect(method).toMatchObject({
      id: expect.stringMatching(/^pm_/),
      kind: "card",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      billingZip: "19103",
    });
    expect(await gateway.getPaymentMethod(method.id)).toEqual(method);
    const first = await chargeStored(gateway, "s1", method.id);
    const second = await chargeStored(gateway, "s2", method.id);
    for (const p of [first, second]) {
      expect(p).toMatchObject({
        status: "approved",
        method: { brand: "visa", last4: "4242" },
        storedMethod: null,
      });
    }
    expect(second.id).not.toBe(first.id);
    expect(gateway.chargeCount()).toBe(2);
  });

  it("refuses to store a tok_decline_* token: CARD_DECLINED with its decline code", async () => {
    const gateway = createFakeGateway();
    await expect(store(gateway, "tok_decline_insufficient_funds")).rejects.toMatchObject({
      code: "CARD_DECLINED",
      gatewayCode: "card_declined",
      declineCode: "insufficient_funds",
      isRetryable: false,
    });
    expect(gateway.storedMethods.size).toBe(0);
  });

  it("replays a store by idempotency key", async () => {
    const gateway = createFakeGateway();
    const first = await gateway.storePaymentMethod({ token: "tok_ok_visa_4242", idempotencyKey: "k" });
    const again = await gateway.storePaymentMethod({ token: "tok_ok_visa_4242", idempotencyKey: "k" });
    expect(again.id).toBe(first.id);
    expect(gateway.storedMethods.size).toBe(1);
  });

  it("stores a bank account (tok_ach_<type>_<last4>) with its bank, and charges it as ACH", async () => {
    const gateway = createFakeGateway();
    const method = await store(gateway, "tok_ach_savings_6789");
    expect(method).toMatchObject({
      kind: "ach",
      brand: null,
      last4: "6789",
      expMonth: null,
      bankName: "Federal Reserve Bank of Boston",
      bankAccountType: "savings",
      billingZip: null,
    });
    expect(await chargeStored(gateway, "a1", method.id)).toMatchObject({
      status: "approved",
      authorizationCode: null,
      method: { kind: "ach", last4: "6789" },
    });
  });

  it("vaults a bank account from its numbers (server to server), replays by key, and keeps no number", async () => {
    const gateway = createFakeGateway();
    const input = {
      routingNumber: "021000021",
      accountNumber: "000123456789",
      accountType: "checking" as const,
      holderName: "Robin Hale",
      holderType: "individual" as const,
      idempotencyKey: "enroll:1",
    };
    const method = await gateway.storeBankAccount(input);
    expect(method).toMatchObject({
      kind: "ach",
      last4: "6789",
      bankName: "JPMorgan Chase Bank, N.A.",
      bankAccountType: "checking",
      expMonth: null,
    });
    expect((await gateway.storeBankAccount(input)).id).toBe(method.id);
    expect(gateway.storedMethods.size).toBe(1);
    expect(JSON.stringify([...gateway.storedMethods.values()])).not.toContain("000123456789");
    expect(await chargeStored(gateway, "b1", method.id)).toMatchObject({
      status: "approved",
      method: { kind: "ach", last4: "6789" },
    });
    for (const bad of [{ routingNumber: "021000022" }, { accountNumber: "12" }]) {
      await expect(
        gateway.storeBankAccount({ ...input, ...bad, idempotencyKey: `bad-${JSON.stringify(bad)}` }),
      ).rejects.toMatchObject({ code: "INVALID_REQUEST", isRetryable: false });
    }
  });

  it("keeps a stored tok_timeout's and tok_processor_error's faults for its charges", async () => {
    const gateway = createFakeGateway();
    const lost = await store(gateway, "tok_timeout");
    await expect(chargeStored(gateway, "t1", lost.id)).rejects.toMatchObject({ code: "INDETERMINATE" });
    expect((await gateway.findPaymentByIdempotencyKey("t1"))?.status).toBe("approved");
    const failing = await store(gateway, "tok_processor_error");
    await expect(chargeStored(gateway, "p1", failing.id)).rejects.toMatchObject({
      code: "PROCESSOR_ERROR",
      isRetryable: true,
    });
  });

  it("updates a card's expiry, refusing a past one, one over 20 years ahead and a bank account's", async () => {
    const gateway = createFakeGateway({ now: () => new Date("2026-06-15T12:00:00Z") });
    const card = await store(gateway, "tok_ok_mastercard_4444");
    const updated = await gateway.updatePaymentMethod({
      methodId: card.id,
      expMonth: 3,
      expYear: 2031,
      idempotencyKey: "u1",
    });
    expect(updated).toMatchObject({ expMonth: 3, expYear: 2031 });
    expect((await chargeStored(gateway, "c1", card.id)).method).toMatchObject({ expMonth: 3, expYear: 2031 });
    for (const [expMonth, expYear] of [
      [5, 2026],
      [13, 2030],
      [1, 2047],
    ] as const) {
      await expect(
        gateway.updatePaymentMethod({ methodId: card.id, expMonth, expYear, idempotencyKey: "u2" }),
      ).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    }
    const ach = await store(gateway, "tok_ach_checking_1234");
    await expect(
      gateway.updatePaymentMethod({ methodId: ach.id, expMonth: 3, expYear: 2031, idempotencyKey: "u3" }),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("declines a stored card past its expiry (expired_card)", async () => {
    let now = new Date("2030-12-31T12:00:00Z");
    const gateway = createFakeGateway({ now: () => now });
    const method = await store(gateway, "tok_ok_visa_4242"); // expires 12/2030
    expect((await chargeStored(gateway, "e1", method.id)).status).toBe("approved");
    now = new Date("2031-01-01T12:00:00Z");
    expect(await chargeStored(gateway, "e2", method.id)).toMatchObject({
      status: "declined",
      declineCode: "expired_card",
    });
  });

  it("refuses a deleted or unknown method: PAYMENT_METHOD_NOT_FOUND to charge, NOT_FOUND to read; deleting twice is fine", async () => {
    const gateway = createFakeGateway();
    const method = await store(gateway, "tok_ok_visa_4242");
    await gateway.deletePaymentMethod({ methodId: method.id, idempotencyKey: "d1" });
    await gateway.deletePaymentMethod({ methodId: method.id, idempotencyKey: "d2" });
    await expect(chargeStored(gateway, "x1", method.id)).rejects.toMatchObject({
      code: "PAYMENT_METHOD_NOT_FOUND",
      gatewayCode: "payment_method_not_found",
    });
    await expect(chargeStored(gateway, "x2", "pm_unknown")).rejects.toMatchObject({
      code: "PAYMENT_METHOD_NOT_FOUND",
    });
    await expect(gateway.getPaymentMethod(method.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      gateway.deletePaymentMethod({ methodId: "pm_unknown", idempotencyKey: "d3" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("saveMethod: an approved payment returns its new stored method, which can be charged", async () => {
    const gateway = createFakeGateway();
    const paid = await gateway.createPayment({ ...input("sv1", "tok_ok_amex_0005"), saveMethod: true });
    expect(paid.storedMethod).toMatchObject({
      id: expect.stringMatching(/^pm_/),
      brand: "amex",
      last4: "0005",
    });
    expect((await gateway.getPayment(paid.id)).storedMethod?.id).toBe(paid.storedMethod?.id);
    expect(await chargeStored(gateway, "sv2", paid.storedMethod!.id)).toMatchObject({
      status: "approved",
      method: { brand: "amex", last4: "0005" },
    });
    // A replay answers the same stored method, not a second one.
    const replay = await gateway.createPayment({ ...input("sv1", "tok_ok_amex_0005"), saveMethod: true });
    expect(replay.storedMethod?.id).toBe(paid.storedMethod?.id);
    expect(gateway.storedMethods.size).toBe(1);
  });

  it("saveMethod: a declined payment saves nothing; with a stored source it is refused", async () => {
    const gateway = createFakeGateway();
    const declined = await gateway.createPayment({
      ...input("sv3", "tok_decline_generic"),
      saveMethod: true,
    });
    expect(declined).toMatchObject({ status: "declined", storedMethod: null });
    const method = await store(gateway, "tok_ok_visa_4242");
    await expect(
      gateway.createPayment({ ...input("sv4", ""), source: { storedMethodId: method.id }, saveMethod: true }),
    ).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    expect((await gateway.createPayment(input("sv5", "tok_ok_visa_1111"))).storedMethod).toBeNull();
  });

  it("pays with a fake wallet payload that names its outcome; the method is the wallet's", async () => {
    const gateway = createFakeGateway();
    const apple = await gateway.createPayment({
      ...input("w1", ""),
      source: fakeApplePaySource("tok_ok_visa_1111"),
    });
    expect(apple).toMatchObject({
      status: "approved",
      method: { kind: "apple_pay", brand: "visa", last4: "1111" },
    });
    const google = await gateway.createPayment({
      ...input("w2", ""),
      source: fakeGooglePaySource("tok_decline_insufficient_funds"),
    });
    expect(google).toMatchObject({
      status: "declined",
      declineCode: "insufficient_funds",
      method: { kind: "google_pay" },
    });
    await expect(
      gateway.createPayment({
        ...input("w3", ""),
        source: {
          googlePay: {
            token: '{"protocolVersion":"ECv2"}',
            info: { cardNetwork: "VISA", cardDetails: "1111" },
          },
        },
      }),
    ).rejects.toMatchObject({ code: "INVALID_TOKEN", gatewayCode: "wallet_token_invalid" });
  });

  it("saves only a Google Pay PAN_ONLY card (as a card); Apple Pay and CRYPTOGRAM_3DS are refused, nothing charged", async () => {
    const gateway = createFakeGateway();
    await expect(
      gateway.createPayment({
        ...input("s1", ""),
        source: fakeApplePaySource("tok_ok_visa_1111"),
        saveMethod: true,
      }),
    ).rejects.toMatchObject({ code: "WALLET_NOT_STORABLE" });
    await expect(
      gateway.createPayment({
        ...input("s2", ""),
        source: fakeGooglePaySource("tok_ok_visa_1111", "CRYPTOGRAM_3DS"),
        saveMethod: true,
      }),
    ).rejects.toMatchObject({ code: "WALLET_NOT_STORABLE" });
    expect(gateway.chargeCount()).toBe(0);
    const saved = await gateway.createPayment({
      ...input("s3", ""),
      source: fakeGooglePaySource("tok_ok_mastercard_4444", "PAN_ONLY"),
      saveMethod: true,
    });
    expect(saved.method.kind).toBe("google_pay");
    expect(saved.storedMethod).toMatchObject({ kind: "card", brand: "mastercard", last4: "4444" });
    const later = await gateway.createPayment({
      ...input("s4", ""),
      source: { storedMethodId: saved.storedMethod!.id },
    });
    expect(later.method).toMatchObject({ kind: "card", last4: "4444" });
  });

  it("gives an Apple Pay merchant session for an Apple validation URL only", async () => {
    const gateway = createFakeGateway({ now: () => new Date("2026-06-01T15:00:00Z") });
    const base = { domainName: "localhost", displayName: "Riverside Family Medicine", idempotencyKey: "m1" };
    const session = await gateway.createApplePayMerchantSession({
      ...base,
      validationUrl: "https://apple-pay-gateway-cert.apple.com/paymentservices/startSession",
    });
    expect(session).toMatchObject({
      epochTimestamp: Date.parse("2026-06-01T15:00:00Z"),
      domainName: "localhost",
    });
    await expect(
      gateway.createApplePayMerchantSession({
        ...base,
        validationUrl: "https://apple-pay-gateway.apple.com.evil.example/",
      }),
    ).rejects.toMatchObject({ code: "APPLE_PAY_NOT_ALLOWED" });
  });
});

describe("the fake gateway's settlement batches", () => {
  it("deposits each settlement's sales and the refunds made since the previous batch", async () => {
    const gateway = createFakeGateway({ now: () => new Date("2026-06-05T22:00:00Z") }); // a Friday
    const a = await gateway.createPayment(input("sb-a", "tok_ok_visa_1111"));
    const first = gateway.settleAll();
    expect(first).toMatchObject({
      traceNumber: expect.stringMatching(/^\d{15}$/),
      effectiveDate: new Date("2026-06-08T00:00:00Z"), // Monday
      itemCount: 1,
      netCents: a.amountCents,
      transactions: [{ kind: "sale", paymentId: a.id, refundId: null, amountCents: a.amountCents }],
    });
    const refund = await gateway.refundPayment({
      paymentId: a.id,
      amountCents: 500, // $5.00
      reason: "r",
      idempotencyKey: "sb-r",
    });
    const second = gateway.settleAll();
    expect(second?.transactions).toEqual([
      { id: expect.any(String), kind: "refund", paymentId: a.id, refundId: refund.id, amountCents: 500 },
    ]);
    expect(second?.netCents).toBe(-500);
    expect(gateway.settleAll()).toBeNull();

    const page = await gateway.listSettlementBatches({ limit: 1 });
    expect(page).toMatchObject({ hasMore: true, data: [{ id: first?.id }] });
    expect(await gateway.listSettlementBatches({ startingAfter: first?.id })).toMatchObject({
      hasMore: false,
      data: [{ id: second?.id }],
    });
    expect(await gateway.getSettlementBatch(second?.id ?? "")).toEqual(second);
    await expect(gateway.getSettlementBatch("sb_nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
