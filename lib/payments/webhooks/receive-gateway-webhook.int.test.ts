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

/** A gateway event as the sandbox sends it, about `payment` (the wire format). */
const event = (id: string, type: string, payment: object) => ({
  id,
  type,
  created_at: new Date().toISOString(),
  data: { payment },
});

const deliver = (body: object, { signWith = secret, at = new Date() } = {}) => {
  const rawBody = JSON.stringify(body);
  return receiveGatewayWebhook({
    rawBody,
    signatureHeader: signWebhook({
      body: rawBody,
      secret: signWith,
      timestamp: Math.floor(at.getTime() / 1000),
    }),
    webhookSecrets: [secret],
    gateway,
  });
};

/** The demo patient pays `cents` of a statement with a fake token (tok_ok_…, tok_decline_…, tok_ach_…). */
const patPays = async (
  statementNumber: string,
  cents: number,
  token: string,
  methodKind: "CARD" | "ACH" = "CARD",
) => {
  const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
  const st = await database.db.statement.findUniqueOrThrow({ where: { statementNumber } });
  const payer: TPayer = { kind: "patient", userId: user.id, email: user.email };
  return payBill({
    payer,
    input: {
      allocations: [{ statementId: st.id, amount: cents as Cents }],
      token,
      methodKind,
      idempotencyKey: randomUUID(),
    },
    context: requestFrom("203.0.113.60"),
    gateway,
  });
};

const balanceOf = async (statementNumber: string) =>
  (await database.db.statement.findUniqueOrThrow({ where: { statementNumber } })).balanceCents;

describe("gateway webhooks", () => {
  let paymentId: string;
  let gatewayId: string;
  const balance = () => balanceOf("ST-1001");

  beforeAll(async () => {
    const result = await patPays("ST-1001", 12540, "tok_ok_visa_1111"); // $125.40
    paymentId = result.paymentId;
    gatewayId = (await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } }))
      .gatewayTransactionId!;
  });

  it("refuses a bad signature or an old timestamp with 400, and changes nothing", async () => {
    gateway.settleAll();
    const settled = event("evt_bad", "payment.settled", await wire(gatewayId));
    expect((await deliver(settled, { signWith: "whsec_wrong" })).status).toBe(400);
    // The sandbox's published secret is no secret: a portal with its own refuses it.
    expect((await deliver(settled, { signWith: "whsec_sandbox_portal" })).status).toBe(400);
    expect((await deliver(settled, { at: new Date(Date.now() - 6 * 60_000) })).status).toBe(400);
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "CAPTURED",
    );
    expect(await database.db.gatewayEvent.count()).toBe(0);
  });

  it("marks the payment settled, once, however often the event comes", async () => {
    const settled = event("evt_settled_1", "payment.settled", await wire(gatewayId));
    expect(await deliver(settled)).toEqual({ status: 200, body: { result: "applied" } });
    expect(await deliver(settled)).toEqual({ status: 200, body: { result: "duplicate" } });
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id: paymentId },
      include: { events: true },
    });
    expect(payment.status).toBe("SETTLED");
    expect(payment.settledAt).not.toBeNull();
    expect(payment.events.filter((e) => e.type === "status.settled")).toHaveLength(1);
  });

  it("a return for a card payment, correctly signed, changes nothing: the gateway says it was not returned", async () => {
    expect(await balance()).toBe(0);
    const forged = {
      ...(await wire(gatewayId)),
      status: "returned",
      returned_at: new Date().toISOString(),
      return_code: "R01",
    };
    const result = await deliver(event("evt_card_returned", "payment.returned", forged));
    expect(result.status).toBe(200);
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "SETTLED",
    );
    expect(await balance()).toBe(0);
    expect(await database.db.outboxEmail.count({ where: { subject: { contains: "returned" } } })).toBe(0);
  });

  it("even the gateway's word cannot return a card payment: a card's money comes back by chargeback", async () => {
    const gp = gateway.payments.get(gatewayId)!;
    gateway.payments.set(gatewayId, { ...gp, status: "returned", returnedAt: new Date(), returnCode: "R01" });
    try {
      await deliver(event("evt_card_returned_2", "payment.returned", await wire(gatewayId)));
    } finally {
      gateway.payments.set(gatewayId, gp);
    }
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id: paymentId },
      include: { events: true },
    });
    expect(payment.status).toBe("SETTLED");
    expect(payment.events.map((e) => e.type)).toContain("status.ignored");
    expect(await balance()).toBe(0);
  });

  it("a forged approval of a declined payment changes nothing", async () => {
    const st = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } });
    await expect(patPays("ST-1002", 5000, "tok_decline_generic")).rejects.toMatchObject({
      code: "CARD_DECLINED",
    }); // $50.00
    const declined = await database.db.payment.findFirstOrThrow({ where: { status: "DECLINED" } });
    const forged = {
      ...(await wire(declined.gatewayTransactionId!)),
      status: "approved",
      authorization_code: "FORGED",
      decline_code: null,
      decline_message: null,
    };
    expect((await deliver(event("evt_forged_approval", "payment.approved", forged))).status).toBe(200);
    const after = await database.db.payment.findUniqueOrThrow({ where: { id: declined.id } });
    expect(after.status).toBe("DECLINED");
    expect(after.authorizationCode).toBeNull();
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(
      89000,
    );
  });

  it("an event naming our payment but another gateway payment is not applied to it", async () => {
    const other = (await database.db.payment.findFirstOrThrow({ where: { status: "DECLINED" } }))
      .gatewayTransactionId!;
    // Our settled card payment's reference, on the declined payment's gateway record.
    const mixed = { ...(await wire(other)), reference: paymentId };
    const result = await deliver(event("evt_mixed", "payment.declined", mixed));
    expect(result).toEqual({ status: 200, body: { result: "not_ours" } });
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "SETTLED",
    );
  });

  it("an ACH return reverses the payment, restores the balance and emails the payer", async () => {
    const st = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } });
    const paid = await patPays("ST-1002", 20000, "tok_ach_checking_0000", "ACH"); // $200.00
    gateway.settleAll();
    const achId = (await database.db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } }))
      .gatewayTransactionId!;
    const gp = gateway.payments.get(achId)!;
    gateway.payments.set(achId, { ...gp, status: "returned", returnedAt: new Date(), returnCode: "R01" });
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(
      69000,
    );
    const result = await deliver(event("evt_returned_1", "payment.returned", await wire(achId)));
    expect(result).toEqual({ status: 200, body: { result: "applied" } });
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } })).status).toBe(
      "RETURNED",
    );
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(
      89000,
    ); // $890.00
    const mail = await database.db.outboxEmail.findFirstOrThrow({
      where: { subject: { contains: "returned a payment" } },
    });
    expect(mail.to).toBe(DEMO.patient.email);
    expect(mail.text).toContain("$200.00");
  });

  it("acknowledges and ignores events about payments that are not ours, and types it does not handle", async () => {
    const foreign = { ...(await wire(gatewayId)), id: "pay_someone_else", reference: "not-ours" };
    expect(await deliver(event("evt_foreign", "payment.settled", foreign))).toEqual({
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
