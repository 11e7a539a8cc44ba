import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { reconcileIfStale, RECONCILE_AFTER_MS } from "@/lib/payments/refresh-pending";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

describe("a receipt page for a payment still processing", () => {
  let statementId: string;
  beforeAll(async () => {
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } }))
      .id;
  });

  it("asks the gateway once the payment is 30 seconds old, and at most every 30 seconds", async () => {
    const gateway = createFakeGateway();
    // The gateway approves, but its answer is lost: the payment stays PENDING.
    const { paymentId, status } = await payBill({
      payer: { kind: "guest", statementId },
      input: {
        allocations: [{ statementId, amount: 1000 as Cents }], // $10.00
        token: "tok_timeout",
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context: requestFrom("203.0.113.62"),
      gateway,
    });
    expect(status).toBe("PENDING");
    const { createdAt } = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const at = (ms: number) => new Date(createdAt.getTime() + ms);
    const check = (ms: number) =>
      reconcileIfStale({ paymentId, status: "PENDING", createdAt, now: at(ms), gateway });

    expect(await check(RECONCILE_AFTER_MS - 1_000)).toBe(false); // too young: not asked
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "PENDING",
    );
    expect(await check(RECONCILE_AFTER_MS + 1_000)).toBe(true);
    expect((await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(
      "CAPTURED",
    );
    // Asked again within 30 seconds (another refresh of the page): not asked.
    expect(await check(RECONCILE_AFTER_MS + 5_000)).toBe(false);
  });

  it("leaves a payment that is not PENDING alone", async () => {
    expect(
      await reconcileIfStale({
        paymentId: "x",
        status: "CAPTURED",
        createdAt: new Date(0),
        gateway: createFakeGateway(),
      }),
    ).toBe(false);
  });
});
