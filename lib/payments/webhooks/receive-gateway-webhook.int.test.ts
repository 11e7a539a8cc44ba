import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import { signWebhook } from "@/lib/gateway/signature";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { receiveGatewayWebhook } from "@/lib/payments/webhooks/receive-gateway-webhook";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const secret = "whsec_test_portal";
const gateway = createFakeGateway();

/** The gateway's wire format of a payment (snake_case), as the sandbox sends it. */
const wire = async (gatewayId: string) => {
  const p = await gateway.getPayment(gatewayId);
  return {
    id: p.id,
    status: p.status,
    amount_cents: p.amountCents,
    currency: p.currency,
    refunded_cents: p.refundedCents,
    authorization_code: p.authorizationCode,
    decline_code: p.declineCode,
    decline_message: p.declineMessage,
    method: { kind: "card", brand: p.method.brand, last4: p.method.last4, exp_month: 12, exp_year: 2030 },
    reference: p.reference,
    idempotency_key: p.idempotencyKey,
    settled_at: p.settledAt?.toISOString() ?? null,
    voided_at: null,
    returned_at: p.returnedAt?.toISOString() ?? null,
    return_code: p.returnCode,
    created_at: p.createdAt.toISOString(),
  };
};

const deliver = (event: object, { signWith = secret, at = new Date() } = {}) => {
  const rawBody = JSON.stringify(event);
  return receiveGatewayWebhook({
    rawBody,
    signatureHeader: signWebhook({
      body: rawBody,
      secret: signWith,
      timestamp: Math.floor(at.getTime() / 1000),
    }),
    webhookSecrets: [secret],
  });
};

describe("gateway webhooks", () => {
  let paymentId: string;
  let gatewayId: string;
  const balance = async () =>
    (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } })).balanceCents;

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const payer: TPayer = { kind: "patient", userId: user.id, email: user.email };
    const st = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } });
    const result = await payBill({
      payer,
      input: {
        allocations: [{ statementId: st.id, amount: 12540 as Cents }], // $125.40
        token: "tok_ok_visa_1111",
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context: requestFrom("203.0.113.60"),
      gateway,
    });
    paymentId = result.paymentId;
    gatewayId = (await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } }))
      .gatewayTransactionId!;
  });

  it("refuses a bad signature or an old timestamp with 400, and changes nothing", async () => {
    gateway.settleAll();
    const event = {
      id: "evt_bad",
      type: "payment.settled",
      created_at: new Date().toISOString(),
      data: { payment: await wire(gatewayId) },
    };
    expect((await deliver(event, { signWith: "whsec_wrong" })).status).toBe(400);
    expect((await deliver(event, { at: new Date(Date.now() - 6 * 60_000) })).status).toBe(400);
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "CAPTURED",
    );
    expect(await database.db.gatewayEvent.count()).toBe(0);
  });

  it("marks the payment settled, once, however often the event comes", async () => {
    const event = {
      id: "evt_settled_1",
      type: "payment.settled",
      created_at: new Date().toISOString(),
      data: { payment: await wire(gatewayId) },
    };
    expect(await deliver(event)).toEqual({ status: 200, body: { result: "applied" } });
    expect(await deliver(event)).toEqual({ status: 200, body: { result: "duplicate" } });
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id: paymentId },
      include: { events: true },
    });
    expect(payment.status).toBe("SETTLED");
    expect(payment.settledAt).not.toBeNull();
    expect(payment.events.filter((e) => e.type === "status.settled")).toHaveLength(1);
  });

  it("an ACH-style return reverses the payment, restores the balance and emails the payer", async () => {
    expect(await balance()).toBe(0);
    const returned = {
      ...(await wire(gatewayId)),
      status: "returned",
      returned_at: new Date().toISOString(),
      return_code: "R01",
    };
    const result = await deliver({
      id: "evt_returned_1",
      type: "payment.returned",
      created_at: new Date().toISOString(),
      data: { payment: returned },
    });
    expect(result).toEqual({ status: 200, body: { result: "applied" } });
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "RETURNED",
    );
    expect(await balance()).toBe(12540); // $125.40
    const mail = await database.db.outboxEmail.findFirstOrThrow({
      where: { subject: { contains: "returned a payment" } },
    });
    expect(mail.to).toBe(DEMO.patient.email);
    expect(mail.text).toContain("$125.40");
  });

  it("acknowledges and ignores events about payments that are not ours, and types it does not handle", async () => {
    const foreign = { ...(await wire(gatewayId)), id: "pay_someone_else", reference: "not-ours" };
    expect(
      await deliver({
        id: "evt_foreign",
        type: "payment.settled",
        created_at: new Date().toISOString(),
        data: { payment: foreign },
      }),
    ).toEqual({
      status: 200,
      body: { result: "not_ours" },
    });
    expect(
      await deliver({
        id: "evt_other",
        type: "customer.created",
        created_at: new Date().toISOString(),
        data: {},
      }),
    ).toEqual({
      status: 200,
      body: { ignored: true },
    });
  });
});
