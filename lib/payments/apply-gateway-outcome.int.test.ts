import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import type { TPayBillInput } from "@/lib/payments/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.70");

/**
 * The gateway's word on a payment arrives by several paths (the charge's own answer, webhooks in
 * any order, reconciliation); applyGatewayOutcome keeps the payment on the gateway's real road.
 */
describe("applying the gateway's outcome, late and out of order", () => {
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

  const pay = (i: TPayBillInput) => payBill({ payer: pat, input: i, context, gateway });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(() => {
    gateway = createFakeGateway();
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
