import { describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";

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
