import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import {
  drainReceiptEmails,
  RECEIPT_EMAILED_EVENT,
  receiptSenderIdle,
  sendDueReceiptEmails,
  setReceiptSenderWakeForTests,
} from "@/lib/receipts/receipt-email-queue";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");
const gateway = createFakeGateway();

describe("emailing receipts from the queue", () => {
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
  const dueAt = async (paymentId: string) =>
    (await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).receiptEmailDueAt;
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
    await drainReceiptEmails(); // nothing left over from the test before
    await database.db.outboxEmail.deleteMany();
    await database.db.user.update({ where: { id: patUserId }, data: { emailReceipts: true } });
  });

  it("makes the receipt due when the payment is approved, and sends a patient who wants receipts one email", async () => {
    const paymentId = await pay(pat);
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.status).toBe("CAPTURED");
    expect(payment.receiptEmailDueAt).toBeInstanceOf(Date);
    expect(await outbox()).toEqual([]); // not written on the payer's request

    await expect(drainReceiptEmails()).resolves.toEqual({ claimed: 1, sent: 1, skipped: 0, failed: 0 });
    expect(await dueAt(paymentId)).toBeNull();
    await expect(drainReceiptEmails()).resolves.toMatchObject({ claimed: 0 });
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

  it("sends each receipt once, with several senders at once and when it is made due again", async () => {
    const paymentIds = [await pay(pat), await pay(pat), await pay(pat)];
    const runs = await Promise.all(Array.from({ length: 5 }, () => sendDueReceiptEmails()));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(3);
    // A receipt made due again (say, a late duplicate approval) is not sent a second time.
    await database.db.payment.update({
      where: { id: paymentIds[0] },
      data: { receiptEmailDueAt: new Date() },
    });
    await expect(drainReceiptEmails()).resolves.toEqual({ claimed: 1, sent: 0, skipped: 1, failed: 0 });
    expect(await outbox()).toHaveLength(3);
    for (const id of paymentIds) expect(await emailedEvents(id)).toBe(1);
  });

  it("leaves a claimed receipt to its sender for five minutes (a crashed sender's is sent after that)", async () => {
    const paymentId = await pay(pat);
    // A sender claims it, then dies before sending: the payment is due again in five minutes.
    await database.db.payment.update({
      where: { id: paymentId },
      data: { receiptEmailDueAt: new Date(Date.now() + 5 * 60_000) },
    });
    await expect(drainReceiptEmails()).resolves.toMatchObject({ claimed: 0 });
    await database.db.payment.update({ where: { id: paymentId }, data: { receiptEmailDueAt: new Date() } });
    await expect(drainReceiptEmails()).resolves.toMatchObject({ claimed: 1, sent: 1 });
  });

  it("honours a patient who turned receipts off: nothing is sent, even with a payer email", async () => {
    await database.db.user.update({ where: { id: patUserId }, data: { emailReceipts: false } });
    const paymentId = await pay(pat, { payerEmail: "someone-else@example.com" });
    await expect(drainReceiptEmails()).resolves.toEqual({ claimed: 1, sent: 0, skipped: 1, failed: 0 });
    expect(await dueAt(paymentId)).toBeNull();
    expect(await outbox()).toEqual([]);
    expect(await emailedEvents(paymentId)).toBe(0);
  });

  it("sends a guest's receipt to the address the guest gave, with how to open it", async () => {
    await pay({ kind: "guest", statementId: ids["ST-1002"]! }, { payerEmail: "guest@example.com" });
    await expect(drainReceiptEmails()).resolves.toMatchObject({ sent: 1 });
    const [email, ...more] = await outbox();
    expect(more).toEqual([]);
    expect(email).toMatchObject({ to: "guest@example.com" });
    expect(email!.text).toContain("look up your statement again");
  });

  it("sends nothing to a guest who gave no address", async () => {
    await pay({ kind: "guest", statementId: ids["ST-1002"]! });
    await expect(drainReceiptEmails()).resolves.toMatchObject({ claimed: 1, sent: 0, skipped: 1 });
    expect(await outbox()).toEqual([]);
  });

  it("owes no receipt for a declined attempt", async () => {
    const paymentId = await pay(pat, { token: "tok_decline_generic" });
    expect(await dueAt(paymentId)).toBeNull();
    await expect(drainReceiptEmails()).resolves.toMatchObject({ claimed: 0 });
    expect(await outbox()).toEqual([]);
  });

  it("sends it in the background of the process that approved the payment", async () => {
    setReceiptSenderWakeForTests(true);
    try {
      const paymentId = await pay(pat);
      await receiptSenderIdle();
      expect(await dueAt(paymentId)).toBeNull();
      expect((await outbox()).map((e) => e.to)).toEqual([DEMO.patient.email]);
    } finally {
      setReceiptSenderWakeForTests(false);
    }
  });

  describe("in the recipient's language", () => {
    const setPatLocale = (locale: string | null) =>
      database.db.user.update({ where: { id: patUserId }, data: { locale } });

    it("writes a patient who chose Spanish their receipt in Spanish: subject, text and HTML (lang es)", async () => {
      await setPatLocale("es");
      try {
        const paymentId = await pay(pat);
        await drainReceiptEmails();
        const [email] = await outbox();
        const { receiptNumber } = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
        expect(email!.subject).toBe(`Su recibo de pago ${receiptNumber} de ${DEMO.practice.name}`);
        for (const part of [email!.text, email!.html!]) {
          for (const words of [
            `Gracias por su pago a ${DEMO.practice.name}.`,
            "Número de recibo",
            "Aprobado",
            "Forma de pago",
            "Visa ••1111",
            "Estados de cuenta pagados:",
            "Estado de cuenta ST-1002",
            "$10.00",
            "Se le pedirá que inicie sesión.",
          ]) {
            expect(part).toContain(words);
          }
          expect(part).not.toContain("Thank you for your payment");
          expect(part).not.toContain("Statements paid");
        }
        expect(email!.html).toContain('<html dir="ltr" lang="es">');
        expect(email!.html).toContain(">Ver su recibo<");
      } finally {
        await setPatLocale(null);
      }
    });

    it("keeps a patient who chose English (or never chose) in English", async () => {
      for (const locale of ["en", null]) {
        await database.db.outboxEmail.deleteMany();
        await setPatLocale(locale);
        await pay(pat);
        await drainReceiptEmails();
        const [email] = await outbox();
        expect(email!.subject).toMatch(/^Your payment receipt R-/);
        expect(email!.text).toContain("Thank you for your payment");
        expect(email!.text).toContain("Paid with:");
        expect(email!.html).toContain('<html dir="ltr" lang="en">');
        expect(email!.html).not.toContain("Gracias");
      }
    });

    it("writes a guest who paid in Spanish in Spanish, kept with the payment for a later or retried send", async () => {
      const paymentId = await pay(
        { kind: "guest", statementId: ids["ST-1002"]!, locale: "es" },
        { payerEmail: "invitado@example.com" },
      );
      expect(await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({
        payerLocale: "es",
      });
      await drainReceiptEmails();
      const [email] = await outbox();
      expect(email).toMatchObject({ to: "invitado@example.com" });
      expect(email!.subject).toMatch(/^Su recibo de pago R-/);
      for (const part of [email!.text, email!.html!]) {
        expect(part).toContain("Gracias por su pago");
        expect(part).toContain("Para abrirlo, primero vuelva a buscar su estado de cuenta:");
      }
      expect(email!.html).toContain('<html dir="ltr" lang="es">');
      expect(email!.html).toContain(">Buscar su estado de cuenta<");
    });
  });
});
