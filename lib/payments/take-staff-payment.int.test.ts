import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { ZTakePaymentInput, type TTakePaymentInput } from "@/lib/payments/schemas";
import { takeStaffPayment } from "@/lib/payments/take-staff-payment";
import { drainReceiptEmails } from "@/lib/receipts/receipt-email-queue";
import { DEMO } from "@/lib/seed/demo-data";
import { latestEmailTo, requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.90");

/**
 * The virtual terminal: staff take a payment for an account through the patient's pay path,
 * recorded as theirs (channel, takenByUserId), exactly once per idempotency key, with a saved
 * method only where the patient allowed staff to charge it, and never for another practice.
 */
describe("takeStaffPayment (virtual terminal)", () => {
  let gateway: TFakeGateway;
  let clerk: TStaffActor;
  let other: TOtherPractice;
  let accountId: string;
  let st1002: string;
  let patientId: string;

  const balance = async () =>
    (await database.db.statement.findUniqueOrThrow({ where: { id: st1002 } })).balanceCents;

  const input = (overrides: Partial<TTakePaymentInput> = {}): TTakePaymentInput => ({
    accountId,
    channel: "STAFF_PHONE",
    allocations: [{ statementId: st1002, amount: 2500 as Cents }], // $25.00
    token: "tok_ok_visa_1111",
    methodKind: "CARD",
    idempotencyKey: randomUUID(),
    payerEmail: "pat@example.com",
    ...overrides,
  });

  /** A card in a wallet (the patient's, or another patient's), with or without staff consent. */
  const savedCard = async ({ userId, consent }: { userId: string; consent: boolean }) => {
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    return database.db.paymentMethod.create({
      data: {
        userId,
        kind: "CARD",
        gatewayToken: stored.id,
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: 2031,
        ...(consent
          ? { staffChargeConsentAt: new Date(), staffChargeConsentVersion: "staff-charge-v1" }
          : {}),
      },
    });
  };

  beforeAll(async () => {
    other = await makeOtherPractice(database.db);
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    clerk = {
      userId: u.id,
      email: u.email,
      role: u.role,
      name: `${u.firstName} ${u.lastName}`,
      practiceId: u.practiceId!,
    };
    const statement = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-1002" },
    });
    st1002 = statement.id;
    accountId = statement.accountId;
    patientId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } })).id;
  });

  beforeEach(() => {
    gateway = createFakeGateway();
  });

  it("records the payment as the clerk's, by the channel chosen, with the receipt address typed", async () => {
    const before = await balance();
    const i = input({ channel: "MAIL", payerEmail: "guarantor@example.org" });
    const result = await takeStaffPayment({ actor: clerk, input: i, context, gateway });
    expect(result.status).toBe("CAPTURED");
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id: result.paymentId },
      include: { allocations: true, events: true },
    });
    expect(payment).toMatchObject({
      channel: "MAIL",
      takenByUserId: clerk.userId,
      payerUserId: null,
      payerEmail: "guarantor@example.org",
      amountCents: 2500, // $25.00
      accountId,
      last4: "1111",
    });
    expect(payment.receiptEmailDueAt).not.toBeNull();
    expect(payment.allocations).toMatchObject([{ statementId: st1002, amountCents: 2500 }]); // $25.00
    expect(await balance()).toBe(before - 2500);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "payment.submitted", targetId: result.paymentId },
    });
    expect(audit).toMatchObject({ actorUserId: clerk.userId, actorRole: "BILLING_MANAGER", ip: context.ip });
    expect(audit.metadata).toMatchObject({ channel: "MAIL", amountCents: 2500 });
  });

  it("sends the receipt to the typed address in the language the clerk chose: English unless Spanish", async () => {
    const spanish = await takeStaffPayment({
      actor: clerk,
      input: ZTakePaymentInput.parse({
        ...input({ payerEmail: "recibo@example.org" }),
        allocations: [{ statementId: st1002, amount: "25.00" }],
        receiptLocale: "es",
      }),
      context,
      gateway,
    });
    const english = await takeStaffPayment({
      actor: clerk,
      input: input({ payerEmail: "receipt@example.org" }),
      context,
      gateway,
    });
    expect(
      await database.db.payment.findMany({
        where: { id: { in: [spanish.paymentId, english.paymentId] } },
        select: { payerEmail: true, payerLocale: true },
        orderBy: { payerEmail: "asc" },
      }),
    ).toEqual([
      { payerEmail: "receipt@example.org", payerLocale: null },
      { payerEmail: "recibo@example.org", payerLocale: "es" },
    ]);
    await drainReceiptEmails();
    const recibo = await latestEmailTo(database.db, "recibo@example.org", spanish.receiptNumber);
    expect(recibo.subject).toBe(`Su recibo de pago ${spanish.receiptNumber} de Riverside Family Medicine`);
    expect(recibo.text).toContain("Gracias por su pago a Riverside Family Medicine.");
    expect(recibo.html).toContain('lang="es"');
    const receipt = await latestEmailTo(database.db, "receipt@example.org", english.receiptNumber);
    expect(receipt.text).toContain("Thank you for your payment");
    expect(receipt.html).toContain('lang="en"');
  });

  it("a language chosen with no receipt address is not kept", async () => {
    const result = await takeStaffPayment({
      actor: clerk,
      input: { ...input({ payerEmail: "" }), receiptLocale: "es" },
      context,
      gateway,
    });
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({ payerEmail: null, payerLocale: null });
  });

  it("an empty receipt address sends no receipt to anyone", async () => {
    const result = await takeStaffPayment({
      actor: clerk,
      input: input({ payerEmail: "" }),
      context,
      gateway,
    });
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment.payerEmail).toBeNull();
    expect(payment.payerUserId).toBeNull();
  });

  it("a retry of the same submission (same idempotency key) is the same payment and one charge", async () => {
    const before = await balance();
    const i = input();
    const first = await takeStaffPayment({ actor: clerk, input: i, context, gateway });
    const again = await takeStaffPayment({ actor: clerk, input: i, context, gateway });
    expect(again).toEqual(first);
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.payment.count({ where: { idempotencyKey: i.idempotencyKey } })).toBe(1);
    expect(await balance()).toBe(before - 2500);
  });

  it("a double submit (10 at once, one key) makes one payment and one charge", async () => {
    const before = await balance();
    const i = input({ allocations: [{ statementId: st1002, amount: 1000 as Cents }] }); // $10.00
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => takeStaffPayment({ actor: clerk, input: i, context, gateway })),
    );
    const ids = new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.paymentId] : [])));
    expect(ids.size).toBe(1);
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.payment.count({ where: { idempotencyKey: i.idempotencyKey } })).toBe(1);
    expect(await balance()).toBe(before - 1000);
  });

  it("charges a saved method only while the patient allows staff to, else NOT_FOUND and nothing charged", async () => {
    const noConsent = await savedCard({ userId: patientId, consent: false });
    const saved = (methodId: string) =>
      input({ token: undefined, methodKind: undefined, paymentMethodId: methodId });
    await expect(
      takeStaffPayment({ actor: clerk, input: saved(noConsent.id), context, gateway }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(gateway.chargeCount()).toBe(0);

    const allowed = await savedCard({ userId: patientId, consent: true });
    const paid = await takeStaffPayment({ actor: clerk, input: saved(allowed.id), context, gateway });
    expect(paid.status).toBe("CAPTURED");
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } });
    expect(payment).toMatchObject({
      paymentMethodId: allowed.id,
      takenByUserId: clerk.userId,
      last4: "4242",
    });

    // Withdrawn in the wallet: refused again.
    await database.db.paymentMethod.update({
      where: { id: allowed.id },
      data: { staffChargeConsentAt: null },
    });
    await expect(
      takeStaffPayment({ actor: clerk, input: saved(allowed.id), context, gateway }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(gateway.chargeCount()).toBe(1);
  });

  it("an expired saved card is refused with words for the clerk, and nothing is charged", async () => {
    const card = await savedCard({ userId: patientId, consent: true });
    await database.db.paymentMethod.update({ where: { id: card.id }, data: { expMonth: 1, expYear: 2020 } });
    await expect(
      takeStaffPayment({
        actor: clerk,
        input: input({ token: undefined, methodKind: undefined, paymentMethodId: card.id }),
        context,
        gateway,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage:
        "That card has expired. Ask the patient to update it in their wallet, or take another method.",
    });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("a consented method of a patient not linked to the account is NOT_FOUND", async () => {
    const stranger = await database.db.user.create({
      data: {
        email: `stranger-${randomUUID().slice(0, 8)}@example.org`,
        role: "PATIENT",
        firstName: "Sam",
        lastName: "Stranger",
      },
    });
    const theirs = await savedCard({ userId: stranger.id, consent: true });
    await expect(
      takeStaffPayment({
        actor: clerk,
        input: input({ token: undefined, methodKind: undefined, paymentMethodId: theirs.id }),
        context,
        gateway,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("a statement of another account than the one named is NOT_FOUND", async () => {
    const st2001 = await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-2001" } });
    await expect(
      takeStaffPayment({
        actor: clerk,
        input: input({ allocations: [{ statementId: st2001.id, amount: 1000 as Cents }] }), // $10.00
        context,
        gateway,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("staff of another practice get NOT_FOUND for the demo account, and nothing changes", async () => {
    const before = { balance: await balance(), payments: await database.db.payment.count() };
    await expect(
      takeStaffPayment({ actor: other.staff, input: input(), context, gateway }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Nor can they replay the demo clerk's key to learn of its payment.
    const i = input();
    await takeStaffPayment({ actor: clerk, input: i, context, gateway });
    await expect(takeStaffPayment({ actor: other.staff, input: i, context, gateway })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.payment.count()).toBe(before.payments + 1);
    expect(await balance()).toBe(before.balance - 2500);
  });

  it("the terminal's schema takes no wallet and no 'save the method', and needs a channel", () => {
    const base = { ...input(), allocations: [{ statementId: st1002, amount: "25.00" }] };
    expect(ZTakePaymentInput.safeParse(base).success).toBe(true);
    const { channel: _channel, ...noChannel } = base;
    expect(ZTakePaymentInput.safeParse(noChannel).success).toBe(false);
    expect(ZTakePaymentInput.safeParse({ ...base, channel: "WEB" }).success).toBe(false);
    const parsed = ZTakePaymentInput.parse({ ...base, saveMethod: true, wallet: { kind: "google_pay" } });
    expect(parsed).not.toHaveProperty("saveMethod");
    expect(parsed).not.toHaveProperty("wallet");
  });
});
