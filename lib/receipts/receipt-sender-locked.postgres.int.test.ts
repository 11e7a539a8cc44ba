import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { postgresConnection } from "@/lib/db/sql";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import {
  receiptSenderIdle,
  receiptSenderRetries,
  setReceiptSenderWakeForTests,
  wakeReceiptSender,
} from "@/lib/receipts/receipt-email-queue";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * The race a browser test met: the gateway's own "approved" webhook locks the payment's row
 * (applyGatewayOutcome) just as the receipt sender, woken by the approval, claims due receipts
 * with SKIP LOCKED. The sender skips the row; it must try again soon, not leave the receipt to
 * the minute sweep.
 */
const database = setupTestDatabase({ seed: true });

describe("the receipt sender and a payment row another transaction holds", () => {
  it("sends the receipt once the row is free, without another wake-up", async () => {
    if (database.target.kind !== "postgres") throw new Error("PostgreSQL only");
    const statement = await database.db.statement.findFirstOrThrow({
      where: { statementNumber: "ST-1002" },
    });
    const idempotencyKey = randomUUID();
    setReceiptSenderWakeForTests(false);
    await payBill({
      payer: { kind: "guest", statementId: statement.id },
      input: {
        allocations: [{ statementId: statement.id, amount: 1000 as Cents }],
        token: "tok_ok_visa_1111",
        methodKind: "CARD",
        idempotencyKey,
        payerEmail: "locked-row@example.com",
      },
      context: requestFrom("203.0.113.62"),
      gateway: createFakeGateway(),
    });
    const payment = await database.db.payment.findUniqueOrThrow({ where: { idempotencyKey } });
    expect(payment.receiptEmailDueAt).not.toBeNull();

    const holder = await postgresConnection(database.target.url);
    try {
      setReceiptSenderWakeForTests(true);
      await holder.transaction(async (tx) => {
        await tx.query`SELECT id FROM "payment" WHERE id = ${payment.id} FOR UPDATE`;
        wakeReceiptSender();
        // The first run skipped the locked row and planned another try.
        await expect.poll(receiptSenderRetries, { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await database.db.outboxEmail.count({ where: { to: "locked-row@example.com" } })).toBe(0);
      });
      await receiptSenderIdle();
    } finally {
      setReceiptSenderWakeForTests(false);
      await holder.close();
    }
    const after = await database.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(after.receiptEmailDueAt).toBeNull();
    expect(await database.db.outboxEmail.findMany({ where: { to: "locked-row@example.com" } })).toHaveLength(
      1,
    );
  });
});
