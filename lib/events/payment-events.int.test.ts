import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { emitEvent, type TEventBody } from "@/lib/events/emit";
import { emitPaymentEvent } from "@/lib/events/payment-events";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { applyGatewayOutcome, markPaymentFailed } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { voidPayment } from "@/lib/payments/void-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");

/** The events of a payment, oldest first, as the practice's system receives them. */
const eventsOf = async (paymentId: string) =>
  (await database.db.integrationEvent.findMany({ where: { paymentId }, orderBy: { seq: "asc" } })).map(
    (e) => JSON.parse(e.body) as TEventBody<Record<string, Record<string, unknown>>>,
  );
const typesOf = async (paymentId: string) => (await eventsOf(paymentId)).map((e) => e.type);

describe("payment events", () => {
  let gateway: TFakeGateway;
  let staff: TStaffActor;
  let payer: TPayer;
  const ids: Record<string, string> = {};

  /** A payment by the demo patient; a declined or failed one throws, and its id is found by its key. */
  const pay = async (token = "tok_ok_visa_1111", cents = 5000) => {
    const idempotencyKey = randomUUID();
    const result = await payBill({
      payer,
      input: {
        allocations: [{ statementId: ids["ST-1001"]!, amount: cents as Cents }],
        token,
        methodKind: token.startsWith("tok_ach") ? "ACH" : "CARD",
        idempotencyKey,
      },
      context,
      gateway,
    }).catch(() => null);
    if (result) return result.paymentId;
    return (await database.db.payment.findUniqueOrThrow({ where: { idempotencyKey } })).id;
  };
  const gatewayPayment = async (paymentId: string) => {
    const p = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    return gateway.getPayment(p.gatewayTransactionId!);
  };

  beforeAll(async () => {
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    staff = { userId: u.id, email: u.email, role: u.role, name: "Staff", practiceId: u.practiceId! };
    const p = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    payer = { kind: "patient", userId: p.id, email: p.email };
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    await database.db.integrationEvent.deleteMany();
    await database.db.statement.update({
      where: { statementNumber: "ST-1001" },
      data: { balanceCents: 12540, status: "OPEN" },
    }); // $125.40
  });

  it("an approval: one payment.approved with what the practice posts, and no card number, DOB or email", async () => {
    const id = await pay();
    const [event, ...more] = await eventsOf(id);
    expect(more).toEqual([]);
    expect(event!.id).toMatch(/^evt_[a-z2-7]{24}$/);
    expect(event).toMatchObject({ type: "payment.approved", api_version: "2026-12-01" });
    expect(new Date(event!.created).toISOString()).toBe(event!.created);
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id } });
    expect(event!.data.payment).toMatchObject({
      id,
      status: "captured",
      amount_cents: 5000, // $50.00
      refunded_cents: 0,
      currency: "USD",
      channel: "web",
      method: { kind: "card", brand: "visa", last4: "1111" },
      receipt_number: payment.receiptNumber,
      account_number: "A-1001",
      applied_to: [{ statement_number: "ST-1001", amount_cents: 5000 }], // $50.00
      gateway_transaction_id: payment.gatewayTransactionId,
      authorization_code: "FAKE01",
    });
    // The approval's one SQL statement builds the same body as emitPaymentEvent does in code.
    const fromCode = await database.db
      .$transaction(async (tx) => {
        throw Object.assign(new Error("rollback"), {
          body: await emitPaymentEvent(tx, { paymentId: id, type: "payment.approved" }),
        });
      })
      .catch((error: { body: TEventBody }) => error.body);
    expect(Object.keys(event!)).toEqual(Object.keys(fromCode));
    expect(event!.data).toEqual(fromCode.data);
    expect(JSON.stringify(event!.data)).toBe(JSON.stringify(fromCode.data)); // the same order of fields too
    const body = JSON.stringify(event);
    expect(body).not.toContain(DEMO.patient.email);
    expect(body).not.toMatch(/dob|birth|4111111111111111/i);
  });

  it("a replayed approval, and the same outcome applied again, emit nothing more", async () => {
    const id = await pay();
    const gp = await gatewayPayment(id);
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "webhook" });
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "reconcile" });
    expect(await typesOf(id)).toEqual(["payment.approved"]);
  });

  it("settlement: payment.settled once, after the approval", async () => {
    const id = await pay();
    gateway.settleAll();
    const gp = await gatewayPayment(id);
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "webhook" });
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "webhook" });
    expect(await typesOf(id)).toEqual(["payment.approved", "payment.settled"]);
    const settled = (await eventsOf(id))[1]!;
    expect(settled.data.payment).toMatchObject({ status: "settled" });
    expect(settled.data.payment!.settled_at).toEqual(expect.any(String));
  });

  it("a payment first heard of settled: payment.approved then payment.settled, from the one approving statement", async () => {
    const id = await pay("tok_timeout"); // approved at the gateway, the answer lost: PENDING here
    expect((await database.db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await typesOf(id)).toEqual([]);
    gateway.settleAll();
    const gp = await gateway.getPayment([...gateway.payments.values()].find((p) => p.reference === id)!.id);
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "reconcile" });
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: gp, source: "webhook" });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["payment.approved", "payment.settled"]);
    expect(events[0]!.id).not.toBe(events[1]!.id);
    expect(events[1]!.data.payment).toMatchObject({
      status: "settled",
      settled_at: gp.settledAt!.toISOString(),
    });
  });

  it("a decline: one payment.declined with its code", async () => {
    const id = await pay("tok_decline_insufficient_funds");
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["payment.declined"]);
    expect(events[0]!.data.payment).toMatchObject({ status: "declined", decline_code: "insufficient_funds" });
  });

  it("a failure: one payment.failed, and none on a second call", async () => {
    const id = await pay("tok_processor_error");
    await markPaymentFailed({ paymentId: id, reason: "again" });
    expect(await typesOf(id)).toEqual(["payment.failed"]);
  });

  it("a void: one payment.voided naming the void, however often it is recorded", async () => {
    const id = await pay();
    const v = await voidPayment({ actor: staff, paymentId: id, reason: "Twice", context, gateway });
    await voidPayment({ actor: staff, paymentId: id, reason: "Twice", context, gateway });
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: await gatewayPayment(id), source: "webhook" });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["payment.approved", "payment.voided"]);
    expect(events[1]!.data.refund).toMatchObject({ id: v.refundId, amount_cents: 5000 }); // $50.00
  });

  it("two partial refunds: two payment.refunded events, each with its own id and amount", async () => {
    const id = await pay();
    gateway.settleAll();
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: await gatewayPayment(id), source: "webhook" });
    const refund = (cents: number, key: string) =>
      refundPayment({
        actor: staff,
        paymentId: id,
        amountCents: cents,
        reason: "Billing error",
        context,
        gateway,
        idempotencyKey: key,
      });
    const first = await refund(1000, randomUUID()); // $10.00
    const again = randomUUID();
    const second = await refund(4000, again); // $40.00
    await refund(4000, again); // the same refund submitted twice
    // The gateway's own report of the refunded payment comes later and adds nothing.
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: await gatewayPayment(id), source: "webhook" });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual([
      "payment.approved",
      "payment.settled",
      "payment.refunded",
      "payment.refunded",
    ]);
    expect(events[2]!.data.refund).toMatchObject({ id: first.refundId, amount_cents: 1000 }); // $10.00
    expect(events[2]!.data.payment).toMatchObject({ status: "partially_refunded", refunded_cents: 1000 });
    expect(events[3]!.data.refund).toMatchObject({ id: second.refundId, amount_cents: 4000 }); // $40.00
    expect(events[3]!.data.payment).toMatchObject({ status: "refunded", refunded_cents: 5000 });
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it("an ACH return: one payment.returned with the return code", async () => {
    const id = await pay("tok_ach_checking_6789");
    gateway.settleAll();
    const settled = await gatewayPayment(id);
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: settled, source: "webhook" });
    const returned = { ...settled, status: "returned" as const, returnedAt: new Date(), returnCode: "R01" };
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: returned, source: "webhook" });
    await applyGatewayOutcome({ paymentId: id, gatewayPayment: returned, source: "webhook" });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["payment.approved", "payment.settled", "payment.returned"]);
    expect(events[2]!.data).toMatchObject({ return_code: "R01", payment: { status: "returned" } });
  });

  it("a change that rolls back leaves no event (nor delivery)", async () => {
    const id = await pay();
    const before = await database.db.integrationEvent.count();
    await expect(
      database.db.$transaction(async (tx) => {
        await emitPaymentEvent(tx, { paymentId: id, type: "payment.settled" });
        await emitEvent(tx, { practiceId: "nope", type: "plan.created", data: {} });
      }),
    ).rejects.toThrow();
    expect(await database.db.integrationEvent.count()).toBe(before);
  });
});
