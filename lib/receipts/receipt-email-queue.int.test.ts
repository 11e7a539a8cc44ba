import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { RECEIPT_EMAILED_EVENT, sendReceiptEmail } from "@/lib/receipts/send-receipt-email";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");
const gateway = createFakeGateway();

describe("emailing a receipt", () => {
  const ids: Record<string, string> = {};
  let pat: TPayer;
  let patUserId: string;

  /** A $10.00 payment on ST-1002 (its balance covers every test). */
  const pay = async (
    payer: TPayer,
    { token = "tok_ok_visa_1111", payerEmail }: { token?: string; payerEmail?: string } = {},
  ) => {
    const idempotencyKey = randomUUID();
    await payBill({
      payer,
      input: {
        allocations: [{ statementId: ids["ST-1002"]!, amount: 1000 as Cents }], // $10.00
        token,
        methodKind: "CARD",
        idempotencyKey,
        payerEmail,
      },
      context,
      gateway,
    }).catch(() => undefined); // a decline throws; the attempt is recorded
    return (await database.db.payment.findUniqueOrThrow({ where: { idempotencyKey } })).id;
  };

  const outbox = () => database.db.outboxEmail.findMany({ orderBy: { createdAt: "asc" } });
  const emailedEvents = (paymentId: string) =>
    database.db.paymentEvent.count({ where: { paymentId, type: RECEIPT_EMAILED_EVENT } });

  beforeAll(async () => {
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    patUserId = user.id;
    pat = { kind: "patient", userId: user.id, email: user.email };
  });

  beforeEach(async () => {
    await database.db.outboxEmail.deleteMany();
    await database.db.user.update({ where: { id: patUserId }, data: { emailReceipts: true } });
  });

  it("sends a patient who wants receipts one email, with the facts and a link to the receipt", async () => {
    // Paying sends it (payBill calls sendReceiptEmail once the payment is approved)…
    const paymentId = await pay(pat);
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    // …so asking again sends nothing more.
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "already-sent" });
    const [email, ...more] = await outbox();
    expect(more).toEqual([]);
    expect(email).toMatchObject({ to: DEMO.patient.email, status: "STORED" });
    expect(email!.subject).toBe(`Your payment receipt ${payment.receiptNumber} from ${DEMO.practice.name}`);
    for (const fact of [
      payment.receiptNumber,
      "$10.00",
      "Visa ••1111",
      "FAKE01",
      "A-1001",
      "Statement ST-1002: $10.00",
      `/receipts/${paymentId}`,
      "Approved",
    ]) {
      expect(email!.text).toContain(fact);
    }
    // Names stay off the email.
    expect(email!.text).not.toContain("Rivera");
    expect(await emailedEvents(paymentId)).toBe(1);
  });

  it("sends it only once, even when asked again or several times at once", async () => {
    const paymentId = await pay(pat);
    // Forget that payBill sent it, to see five simultaneous senders race for the one email.
    await database.db.paymentEvent.deleteMany({ where: { paymentId, type: RECEIPT_EMAILED_EVENT } });
    await database.db.outboxEmail.deleteMany();
    const results = await Promise.all(Array.from({ length: 5 }, () => sendReceiptEmail({ paymentId })));
    expect(results.filter((r) => r.status === "sent")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-sent")).toHaveLength(4);
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "already-sent" });
    expect(await outbox()).toHaveLength(1);
    expect(await emailedEvents(paymentId)).toBe(1);
  });

  it("honours a patient who turned receipts off: nothing is sent, even with a payer email", async () => {
    await database.db.user.update({ where: { id: patUserId }, data: { emailReceipts: false } });
    const paymentId = await pay(pat, { payerEmail: "someone-else@example.com" });
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "no-recipient" });
    expect(await outbox()).toEqual([]);
    expect(await emailedEvents(paymentId)).toBe(0);
  });

  it("sends a guest's receipt to the address the guest gave, with how to open it", async () => {
    const paymentId = await pay(
      { kind: "guest", statementId: ids["ST-1002"]! },
      { payerEmail: "guest@example.com" },
    );
    const [email] = await outbox();
    expect(email).toMatchObject({ to: "guest@example.com" });
    expect(email!.text).toContain("look up your statement again");
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "already-sent" });
    expect(await outbox()).toHaveLength(1);
  });

  it("sends nothing to a guest who gave no address", async () => {
    const paymentId = await pay({ kind: "guest", statementId: ids["ST-1002"]! });
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "no-recipient" });
    expect(await outbox()).toEqual([]);
  });

  it("sends no receipt for a declined attempt", async () => {
    const paymentId = await pay(pat, { token: "tok_decline_generic" });
    await expect(sendReceiptEmail({ paymentId })).resolves.toEqual({ status: "not-approved" });
    expect(await outbox()).toEqual([]);
  });

  it("answers NOT_FOUND for a payment that does not exist", async () => {
    await expect(sendReceiptEmail({ paymentId: "does-not-exist" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
