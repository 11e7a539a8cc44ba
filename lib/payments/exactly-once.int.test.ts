import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, startTestGateway, tokenizeCard, type TTestGateway } from "@/gateway/test/harness";
import { createHttpGateway } from "@/lib/gateway/client";
import type { TGateway } from "@/lib/gateway/interface";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { reconcilePayment } from "@/lib/payments/reconcile-payment";
import type { TPayBillInput } from "@/lib/payments/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.70");

/**
 * Exactly once, against the real sandbox gateway over HTTP (not the fake): concurrent
 * submissions, a crash between the gateway's approval and our commit, and a lost answer.
 */
describe("exactly one payment, with the real gateway", () => {
  let gw: TTestGateway;
  let gateway: TGateway;
  let pat: TPayer;
  let st1002: string;

  const balance = async () =>
    (await database.db.statement.findUniqueOrThrow({ where: { id: st1002 } })).balanceCents;
  /** What the gateway itself recorded for one of our payments (by our idempotency key). */
  const chargesAtGateway = async (paymentId: string) =>
    (await gw.api.get<{ data: unknown[] }>(`/v1/payments?idempotency_key=${paymentId}`)).body.data.length;

  const input = async (cents: number, card = "4111 1111 1111 1111"): Promise<TPayBillInput> => ({
    allocations: [{ statementId: st1002, amount: cents as Cents }],
    token: await tokenizeCard(gw, card),
    methodKind: "CARD",
    idempotencyKey: randomUUID(),
  });

  beforeAll(async () => {
    gw = await startTestGateway({ hangMs: 3_000 });
    gateway = createHttpGateway({ baseUrl: gw.url, apiKey: API_KEY, timeoutMs: 1_000 });
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    st1002 = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } })).id;
  });

  afterAll(async () => {
    await gw?.close();
  });

  it("20 concurrent submissions of the same payment make one charge and one payment", async () => {
    const before = await balance();
    const i = await input(2500); // $25.00
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => payBill({ payer: pat, input: i, context, gateway })),
    );
    const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.paymentId] : [])));
    expect(ids.size).toBe(1);
    const [paymentId] = [...ids];
    expect(await database.db.payment.count({ where: { idempotencyKey: i.idempotencyKey } })).toBe(1);
    expect(await chargesAtGateway(paymentId!)).toBe(1);
    expect(await balance()).toBe(before - 2500);
  });

  it("a crash after the gateway approved but before we recorded it ends, after a restart, with exactly one payment", async () => {
    const before = await balance();
    const crashing: TGateway = {
      ...gateway,
      createPayment: async (charge) => {
        await gateway.createPayment(charge); // the gateway approves and charges…
        throw new Error("portal process killed"); // …and the portal dies before it writes the outcome
      },
    };
    const i = await input(1000); // $10.00
    await expect(payBill({ payer: pat, input: i, context, gateway: crashing })).rejects.toThrow(
      "portal process killed",
    );
    const pending = await database.db.payment.findUniqueOrThrow({
      where: { idempotencyKey: i.idempotencyKey },
    });
    expect(pending.status).toBe("PENDING");

    // "Restart": a new process knows only the database, and reconciles from the gateway.
    expect(await reconcilePayment({ paymentId: pending.id, gateway })).toBe("CAPTURED");
    // The patient's retry of the same submission finds the same payment; nothing is charged again.
    await expect(payBill({ payer: pat, input: i, context, gateway })).resolves.toMatchObject({
      paymentId: pending.id,
      status: "CAPTURED",
    });
    expect(await database.db.payment.count({ where: { idempotencyKey: i.idempotencyKey } })).toBe(1);
    expect(await chargesAtGateway(pending.id)).toBe(1);
    expect(await balance()).toBe(before - 1000);
  });

  it("a lost answer (4000 0000 0000 0259) stays processing, then reconciles to the one approved payment", async () => {
    const before = await balance();
    const i = await input(1500, "4000 0000 0000 0259"); // $15.00
    const result = await payBill({ payer: pat, input: i, context, gateway });
    expect(result.status).toBe("PENDING");
    expect(await reconcilePayment({ paymentId: result.paymentId, gateway })).toBe("CAPTURED");
    expect(await chargesAtGateway(result.paymentId)).toBe(1);
    expect(await balance()).toBe(before - 1500);
  });
});
