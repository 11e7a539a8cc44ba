import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createFakeGateway,
  fakeApplePaySource,
  fakeGooglePaySource,
  type TFakeGateway,
} from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { log } from "@/lib/log";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { reconcilePayment, UNSEEN_AFTER_MS } from "@/lib/payments/reconcile-payment";
import type { TPayBillInput } from "@/lib/payments/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { drainReceiptEmails } from "@/lib/receipts/receipt-email-queue";
import { importAnotherCopy } from "@/lib/test/another-copy";
import type * as GatewayErrorsModule from "@/lib/gateway/errors";
import { setupTestDatabase } from "@/lib/test/test-db";

/** What the pay form posts after Apple Pay or Google Pay, from the fake's wallet sources. */
const appleWallet = (outcomeToken: string) => {
  const source = fakeApplePaySource(outcomeToken);
  if (!("applePay" in source)) throw new Error("not an Apple Pay source");
  return { kind: "apple_pay" as const, token: source.applePay.token };
};
const googleWallet = (outcomeToken: string) => {
  const source = fakeGooglePaySource(outcomeToken);
  if (!("googlePay" in source)) throw new Error("not a Google Pay source");
  return { kind: "google_pay" as const, ...source.googlePay };
};

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.50");

describe("paying a bill", () => {
  let gateway: TFakeGateway;
  let pat: TPayer;
  const ids: Record<string, string> = {};

  const statement = (number: string) =>
    database.db.statement.findUniqueOrThrow({
      where: { statementNumber: number },
      select: { balanceCents: true, status: true },
    });

  const input = (allocations: [string, number][], overrides: Partial<TPayBillInput> = {}): TPayBillInput => ({
    allocations: allocations.map(([number, cents]) => ({
      statementId: ids[number]!,
      amount: cents as Cents,
    })),
    token: "tok_ok_visa_1111",
    methodKind: "CARD",
    idempotencyKey: randomUUID(),
    ...overrides,
  });

  const pay = (i: TPayBillInput, payer: TPayer = pat) => payBill({ payer, input: i, context, gateway });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    // Each test starts from the demo balances.
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.statement.update({
      where: { statementNumber: "ST-1001" },
      data: { balanceCents: 12540, status: "OPEN" },
    }); // $125.40
    await database.db.statement.update({
      where: { statementNumber: "ST-1002" },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
  });

  it("pays a statement in full: captured, receipt number, balance 0 and PAID, in one go", async () => {
    const result = await pay(input([["ST-1001", 12540]])); // $125.40
    expect(result.status).toBe("CAPTURED");
    expect(result.receiptNumber).toMatch(/^R-\d{8}-[2-9A-Z]{6}$/);
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id: result.paymentId },
      include: { allocations: true, events: true },
    });
    expect(payment).toMatchObject({
      amountCents: 12540,
      channel: "WEB",
      payerUserId: pat.kind === "patient" ? pat.userId : null,
      brand: "visa",
      last4: "1111",
      authorizationCode: "FAKE01",
    });
    expect(payment.gatewayTransactionId).toMatch(/^pay_/);
    expect(payment.allocations.map((a) => a.amountCents)).toEqual([12540]);
    expect(payment.events.map((e) => e.type).sort()).toEqual(["intent", "status.captured"]);
    expect(gateway.chargeCount()).toBe(1);
    // The receipt email is due, and the sender writes it.
    expect(payment.receiptEmailDueAt).toBeInstanceOf(Date);
    await expect(drainReceiptEmails()).resolves.toMatchObject({ sent: 1 });
    const receipt = await database.db.outboxEmail.findFirstOrThrow({
      where: { text: { contains: result.receiptNumber } },
    });
    expect(receipt.to).toBe(DEMO.patient.email);
  });

  it("pays part of one statement and all of another in a single payment", async () => {
    const result = await pay(
      input([
        ["ST-1002", 10000],
        ["ST-1001", 12540],
      ]),
    ); // $100.00 + $125.40
    expect(result.status).toBe("CAPTURED");
    expect(await statement("ST-1002")).toEqual({ balanceCents: 79000, status: "PARTIALLY_PAID" }); // $790.00
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
    expect(
      (await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).amountCents,
    ).toBe(22540);
  });

  it("refuses more than the balance, and charges nothing", async () => {
    await expect(pay(input([["ST-1001", 12541]]))).rejects.toMatchObject({ code: "AMOUNT_EXCEEDS_BALANCE" }); // $125.41
    expect(gateway.chargeCount()).toBe(0);
    expect(await database.db.payment.count()).toBe(0);
  });

  it("answers NOT_FOUND for another patient's statement, and for a guest's other statements", async () => {
    await expect(pay(input([["ST-2001", 6000]]))).rejects.toMatchObject({ code: "NOT_FOUND" }); // $60.00
    const guest: TPayer = { kind: "guest", statementId: ids["ST-1001"]! };
    await expect(pay(input([["ST-1002", 1000]]), guest)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(gateway.chargeCount()).toBe(0);
    expect(await statement("ST-2001")).toEqual({ balanceCents: 6000, status: "OPEN" });
  });

  it("lets a guest pay the one statement of the guest session", async () => {
    const guest: TPayer = { kind: "guest", statementId: ids["ST-1001"]! };
    const result = await pay(input([["ST-1001", 12540]], { payerEmail: "guest@example.com" }), guest);
    expect(result.status).toBe("CAPTURED");
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({ payerUserId: null, payerEmail: "guest@example.com" });
  });

  it("pays with Apple Pay and Google Pay: the payment records the wallet, the card network and last 4", async () => {
    const applePaid = await pay(
      input([["ST-1002", 2500]], {
        token: undefined,
        methodKind: undefined,
        wallet: appleWallet("tok_ok_visa_1111"),
      }),
    );
    const googlePaid = await pay(
      input([["ST-1002", 2500]], {
        token: undefined,
        methodKind: undefined,
        wallet: googleWallet("tok_ok_mastercard_4444"),
      }),
    );
    const rows = await database.db.payment.findMany({
      where: { id: { in: [applePaid.paymentId, googlePaid.paymentId] } },
      orderBy: { createdAt: "asc" },
      select: { status: true, methodKind: true, brand: true, last4: true },
    });
    expect(rows).toEqual([
      { status: "CAPTURED", methodKind: "APPLE_PAY", brand: "visa", last4: "1111" },
      { status: "CAPTURED", methodKind: "GOOGLE_PAY", brand: "mastercard", last4: "4444" },
    ]);
    expect(await statement("ST-1002")).toMatchObject({ balanceCents: 84000 }); // $890.00 − 2 × $25.00
  });

  it("a declined wallet payment says why and gives the balance back", async () => {
    await expect(
      pay(
        input([["ST-1001", 12540]], {
          token: undefined,
          methodKind: undefined,
          wallet: googleWallet("tok_decline_insufficient_funds"),
        }),
      ),
    ).rejects.toMatchObject({ code: "CARD_DECLINED" });
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
  });

  it("a decline keeps the balance, records the attempt, and a new attempt with another card works", async () => {
    await expect(
      pay(input([["ST-1001", 12540]], { token: "tok_decline_insufficient_funds" })),
    ).rejects.toMatchObject({
      code: "CARD_DECLINED",
      userMessage: "Your card was declined for insufficient funds. Try another card or a bank account.",
    });
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    expect(await database.db.payment.findFirstOrThrow()).toMatchObject({
      status: "DECLINED",
      declineCode: "insufficient_funds",
    });
    const retry = await pay(input([["ST-1001", 12540]]));
    expect(retry.status).toBe("CAPTURED");
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
  });

  it("a double submit of the same intent is one payment and one charge", async () => {
    const i = input([["ST-1001", 5000]]); // $50.00
    const first = await pay(i);
    const second = await pay(i);
    expect(second).toEqual(first);
    expect(gateway.chargeCount()).toBe(1);
    expect(await statement("ST-1001")).toMatchObject({ balanceCents: 7540 }); // $75.40
  });

  it("20 concurrent submissions of the same payment make one payment and one charge", async () => {
    const i = input([["ST-1002", 2500]]); // $25.00
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => pay(i)));
    const ok = results.filter((r) => r.status === "fulfilled").map((r) => r.value.paymentId);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok).size).toBe(1);
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.payment.count()).toBe(1);
    expect(await statement("ST-1002")).toMatchObject({ balanceCents: 86500 }); // $865.00
  });

  it("two different payments racing for the same balance: one wins, the other charges nothing", async () => {
    const results = await Promise.allSettled([
      pay(input([["ST-1001", 12540]])),
      pay(input([["ST-1001", 12540]])),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "AMOUNT_EXCEEDS_BALANCE" });
    expect(gateway.chargeCount()).toBe(1);
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
  });

  it("twelve payments racing for parts of two balances: never more than a balance is taken", async () => {
    // ST-1002 holds $890.00: $200.00 fits four times. Each payment also takes $30.00 of ST-1001
    // ($125.40: four times), so a payment must get both balances or neither. Charged off-session
    // (as plans and autopay charge, through the same SQL): a payer on a page may have only five
    // card attempts under way at once (the card-testing limits, tested below).
    const account: TPayer = {
      kind: "account",
      accountId: (await database.db.statement.findUniqueOrThrow({ where: { id: ids["ST-1002"]! } }))
        .accountId,
      userId: null,
      email: null,
      actor: { kind: "system" },
    };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        pay(
          input([
            ["ST-1002", 20000],
            ["ST-1001", 3000],
          ]),
          account,
        ),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(4);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "AMOUNT_EXCEEDS_BALANCE" });
    }
    expect(gateway.chargeCount()).toBe(4);
    expect(await database.db.payment.count()).toBe(4);
    expect(await database.db.paymentAllocation.count()).toBe(8);
    expect(await statement("ST-1002")).toEqual({ balanceCents: 9000, status: "PARTIALLY_PAID" }); // $90.00
    expect(await statement("ST-1001")).toEqual({ balanceCents: 540, status: "PARTIALLY_PAID" }); // $5.40
  });

  it("an unknown outcome stays PENDING with the balance held, and reconciliation finds the charge", async () => {
    const result = await pay(input([["ST-1001", 12540]], { token: "tok_timeout" }));
    expect(result.status).toBe("PENDING");
    expect(await statement("ST-1001")).toMatchObject({ balanceCents: 0 });
    expect(await database.db.outboxEmail.count({ where: { text: { contains: result.receiptNumber } } })).toBe(
      0,
    );
    await expect(drainReceiptEmails()).resolves.toMatchObject({ sent: 0 });
    expect(await reconcilePayment({ paymentId: result.paymentId, gateway })).toBe("CAPTURED");
    // The receipt goes out once the outcome is known.
    await expect(drainReceiptEmails()).resolves.toMatchObject({ sent: 1 });
    expect(await database.db.outboxEmail.count({ where: { text: { contains: result.receiptNumber } } })).toBe(
      1,
    );
    expect(await database.db.payment.count()).toBe(1);
    expect(gateway.chargeCount()).toBe(1);
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
  });

  it("a payment that never reached the gateway (a crash before the charge) fails after a while and gives the balance back", async () => {
    const silent: TFakeGateway = {
      ...gateway,
      createPayment: async () => {
        throw Object.assign(new Error("process died"), { name: "Crash" });
      },
    };
    const i = input([["ST-1001", 12540]]);
    await expect(payBill({ payer: pat, input: i, context, gateway: silent })).rejects.toThrow("process died");
    const payment = await database.db.payment.findFirstOrThrow();
    expect(payment.status).toBe("PENDING");
    expect(await reconcilePayment({ paymentId: payment.id, gateway })).toBe("PENDING"); // too early to tell
    const later = new Date(payment.createdAt.getTime() + UNSEEN_AFTER_MS + 1000);
    expect(await reconcilePayment({ paymentId: payment.id, gateway, now: later })).toBe("FAILED");
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("an approval the gateway reports after we failed the payment changes nothing, and is logged as an error for a person", async () => {
    // The charge left late: reconciliation had already failed the payment, and given the balance back.
    const slow: TFakeGateway = {
      ...gateway,
      createPayment: async () => {
        throw Object.assign(new Error("process died"), { name: "Crash" });
      },
    };
    await expect(
      payBill({ payer: pat, input: input([["ST-1001", 12540]]), context, gateway: slow }),
    ).rejects.toThrow("process died");
    const payment = await database.db.payment.findFirstOrThrow();
    const later = new Date(payment.createdAt.getTime() + UNSEEN_AFTER_MS + 1000);
    expect(await reconcilePayment({ paymentId: payment.id, gateway, now: later })).toBe("FAILED");
    const charged = await gateway.createPayment({
      amountCents: 12540,
      currency: "USD",
      source: { token: "tok_ok_visa_1111" },
      reference: payment.id,
      description: "ST-1001",
      idempotencyKey: payment.id,
    });

    const errors: unknown[][] = [];
    vi.spyOn(log, "error").mockImplementation((...args: unknown[]) => void errors.push(args));
    try {
      expect(
        await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: charged, source: "webhook" }),
      ).toBe("FAILED");
    } finally {
      vi.restoreAllMocks();
    }
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    expect(errors).toEqual([
      [
        { paymentId: payment.id, gatewayPaymentId: charged.id, source: "webhook" },
        expect.stringContaining("the gateway approved a payment recorded as failed"),
      ],
    ]);
    const events = await database.db.paymentEvent.findMany({
      where: { paymentId: payment.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["intent", "status.failed", "status.ignored"]);
  });

  it("a processor error charges nothing, gives the balance back and says to try again", async () => {
    await expect(pay(input([["ST-1001", 12540]], { token: "tok_processor_error" }))).rejects.toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
    });
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    expect((await database.db.payment.findFirstOrThrow()).status).toBe("FAILED");
  });

  it("applying the same gateway state twice (webhook after the answer) changes nothing more", async () => {
    const result = await pay(input([["ST-1001", 12540]]));
    gateway.settleAll();
    const gp = await gateway.getPayment(
      (await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } }))
        .gatewayTransactionId!,
    );
    expect(
      await applyGatewayOutcome({ paymentId: result.paymentId, gatewayPayment: gp, source: "webhook" }),
    ).toBe("SETTLED");
    expect(
      await applyGatewayOutcome({ paymentId: result.paymentId, gatewayPayment: gp, source: "webhook" }),
    ).toBe("SETTLED");
    await expect(drainReceiptEmails()).resolves.toMatchObject({ sent: 1 }); // one receipt, not one per application
    const events = await database.db.paymentEvent.findMany({ where: { paymentId: result.paymentId } });
    expect(events.map((e) => e.type).sort()).toEqual([
      "intent",
      "receipt.emailed",
      "status.captured",
      "status.settled",
    ]);
    expect(await statement("ST-1001")).toEqual({ balanceCents: 0, status: "PAID" });
  });

  it("recognises the gateway's errors from another copy of the gateway module, as a production build holds them", async () => {
    // The build can hold lib/gateway/errors.ts in several chunks while one client, made by
    // whichever chunk asked first, serves the process: its errors are of another copy's class.
    const copy = await importAnotherCopy<typeof GatewayErrorsModule>("@/lib/gateway/errors");
    const failing = (code: "PROCESSOR_ERROR" | "INVALID_TOKEN", gatewayCode: string) => ({
      ...gateway,
      createPayment: async () => {
        throw new copy.GatewayError({
          code,
          gatewayCode,
          status: 402,
          isRetryable: true,
          message: gatewayCode,
        });
      },
    });
    const before = await statement("ST-1001");
    await expect(
      payBill({
        payer: pat,
        input: input([["ST-1001", 5000]]),
        context,
        gateway: failing("PROCESSOR_ERROR", "processor_error"),
      }), // $50.00
    ).rejects.toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
      userMessage: "The payment processor had a problem and nothing was charged. Please try again.",
    });
    const failed = await database.db.payment.findFirstOrThrow();
    expect(failed.status).toBe("FAILED"); // at once, not PENDING until reconciled
    expect(await statement("ST-1001")).toEqual(before);

    await expect(
      payBill({
        payer: pat,
        input: input([["ST-1001", 5000]]),
        context,
        gateway: failing("INVALID_TOKEN", "token_used"),
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: "Your payment details expired. Please enter them again.",
    });
    expect(await statement("ST-1001")).toEqual(before);

    // And the next attempt, with a good card, goes through.
    const ok = await pay(input([["ST-1001", 5000]]));
    expect(ok.status).toBe("CAPTURED");
    expect(await statement("ST-1001")).toEqual({ balanceCents: 7540, status: "PARTIALLY_PAID" }); // $75.40
  });

  it("never brings a finished payment back: a late approval after a void, anything after a decline", async () => {
    const result = await pay(input([["ST-1001", 12540]]));
    const gatewayId = (await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } }))
      .gatewayTransactionId!;
    const approved = await gateway.getPayment(gatewayId);
    const voided = await gateway.voidPayment({ paymentId: gatewayId, idempotencyKey: randomUUID() });
    const apply = (gp: typeof approved) =>
      applyGatewayOutcome({ paymentId: result.paymentId, gatewayPayment: gp, source: "webhook" });

    expect(await apply(voided)).toBe("VOIDED");
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    // The approval's event, delivered late.
    expect(await apply(approved)).toBe("VOIDED");
    expect(await apply({ ...approved, settledAt: new Date() })).toBe("VOIDED");
    expect(await statement("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" }); // given back once
    const events = await database.db.paymentEvent.findMany({
      where: { paymentId: result.paymentId },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "intent",
      "status.captured",
      "status.voided",
      "status.ignored",
      "status.ignored",
    ]);

    // A declined payment stays declined, whatever arrives after.
    await expect(pay(input([["ST-1002", 1000]], { token: "tok_decline_generic" }))).rejects.toMatchObject({
      code: "CARD_DECLINED",
    });
    const declined = await database.db.payment.findFirstOrThrow({ where: { status: "DECLINED" } });
    const declinedGp = await gateway.getPayment(declined.gatewayTransactionId!);
    expect(
      await applyGatewayOutcome({
        paymentId: declined.id,
        gatewayPayment: { ...declinedGp, status: "approved", declineCode: null },
        source: "webhook",
      }),
    ).toBe("DECLINED");
    expect(await statement("ST-1002")).toEqual({ balanceCents: 89000, status: "OPEN" });
  });

  it("lets a refund be the first it hears of a settlement, and a late settlement not undo the refund", async () => {
    const result = await pay(input([["ST-1002", 10000]])); // $100.00
    const gatewayId = (await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } }))
      .gatewayTransactionId!;
    gateway.settleAll();
    const settled = await gateway.getPayment(gatewayId);
    const refunded = { ...settled, status: "refunded" as const, refundedCents: 10000 };
    const apply = (gp: typeof settled) =>
      applyGatewayOutcome({ paymentId: result.paymentId, gatewayPayment: gp, source: "webhook" });
    expect(await apply(refunded)).toBe("REFUNDED");
    expect(await apply(settled)).toBe("REFUNDED");
  });
});
