import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import { portalMetrics } from "@/lib/metrics/registry";
import type { Cents } from "@/lib/money";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.51");

/** portal_payments_total for one outcome and channel, as /api/metrics would show it. */
const counted = async (outcome: string, channel: string) =>
  (await portalMetrics().payments.get()).values.find(
    (v) => v.labels.outcome === outcome && v.labels.channel === channel,
  )?.value ?? 0;

describe("portal_payments_total", () => {
  const gateway = createFakeGateway();
  let pat: TPayer;
  let statementId: string;

  const pay = (token: string) =>
    payBill({
      payer: pat,
      input: {
        allocations: [{ statementId, amount: 100 as Cents }], // $1.00
        token,
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } }))
      .id;
  });

  it("counts an approved, a declined and a failed web payment once each, by outcome and channel", async () => {
    const before = {
      approved: await counted("approved", "WEB"),
      declined: await counted("declined", "WEB"),
      failed: await counted("failed", "WEB"),
    };
    expect((await pay("tok_ok_visa_1111")).status).toBe("CAPTURED");
    await expect(pay("tok_decline_insufficient_funds")).rejects.toMatchObject({ code: "CARD_DECLINED" });
    await expect(pay("tok_processor_error")).rejects.toMatchObject({ code: "GATEWAY_UNAVAILABLE" });
    expect(await counted("approved", "WEB")).toBe(before.approved + 1);
    expect(await counted("declined", "WEB")).toBe(before.declined + 1);
    expect(await counted("failed", "WEB")).toBe(before.failed + 1);
  });

  it("does not count a payment again when its webhook or reconciliation applies the same outcome", async () => {
    const result = await pay("tok_ok_visa_4242");
    const after = await counted("approved", "WEB");
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    const gp = await gateway.getPayment(payment.gatewayTransactionId!);
    await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "webhook" });
    await applyGatewayOutcome({ paymentId: payment.id, gatewayPayment: gp, source: "reconcile" });
    expect(await counted("approved", "WEB")).toBe(after);
  });

  it("counts a payment left PENDING (no answer) when reconciliation settles it", async () => {
    const before = await counted("approved", "WEB");
    const result = await pay("tok_timeout");
    expect(result.status).toBe("PENDING");
    expect(await counted("approved", "WEB")).toBe(before);
    const gp = await gateway.findPaymentByIdempotencyKey(result.paymentId);
    await applyGatewayOutcome({ paymentId: result.paymentId, gatewayPayment: gp!, source: "reconcile" });
    expect(await counted("approved", "WEB")).toBe(before + 1);
  });
});
