import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import type * as ReceiptNumber from "@/lib/payments/receipt-number";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

// Receipt numbers are random (6 characters of 31): at 100,000 payments a day a few collide. The
// generator is made to hand out a taken number first, as chance would.
const numbers = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock("@/lib/payments/receipt-number", async (original) => {
  const real = await original<typeof ReceiptNumber>();
  return { newReceiptNumber: (day: string) => numbers.queue.shift() ?? real.newReceiptNumber(day) };
});

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.52");

describe("a receipt number that is already taken", () => {
  let pat: TPayer;
  let statementId: string;

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1001" } }))
      .id;
  });

  it("does not fail the payment: it goes in once, under a new number, and is charged once", async () => {
    const gateway = createFakeGateway();
    const pay = () =>
      payBill({
        payer: pat,
        input: {
          allocations: [{ statementId, amount: 100 as Cents }], // $1.00
          token: "tok_ok_visa_1111",
          methodKind: "CARD",
          idempotencyKey: randomUUID(),
        },
        context,
        gateway,
      });
    const first = await pay();
    numbers.queue.push(first.receiptNumber, first.receiptNumber);
    const second = await pay();

    expect(second.status).toBe("CAPTURED");
    expect(second.receiptNumber).not.toBe(first.receiptNumber);
    expect(numbers.queue).toEqual([]); // both taken numbers were tried
    expect(gateway.chargeCount()).toBe(2);
    expect(await database.db.payment.count({ where: { id: second.paymentId } })).toBe(1);
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: statementId } })).balanceCents).toBe(
      12540 - 200,
    ); // $125.40 less the two $1.00 payments, each taken once
  });
});
