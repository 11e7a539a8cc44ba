import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { STAFF_CHARGE_CONSENT, STAFF_CHARGE_CONSENTS } from "@/lib/saved-methods/consent";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { addMethod } from "@/lib/saved-methods/add-method";
import { type TMethodOwner } from "@/lib/saved-methods/owner";
import { removeMethod } from "@/lib/saved-methods/remove-method";
import { renameMethod } from "@/lib/saved-methods/rename-method";
import { setDefaultMethod } from "@/lib/saved-methods/set-default-method";
import { setStaffChargeConsent } from "@/lib/saved-methods/set-staff-charge-consent";
import { updateMethodExpiry } from "@/lib/saved-methods/update-method-expiry";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.80");

describe("the wallet", () => {
  let gateway: TFakeGateway;
  let pat: TMethodOwner;
  let stranger: TMethodOwner;
  let statementId: string;

  const add = (
    owner: TMethodOwner,
    token: string,
    extra: { makeDefault?: boolean; nickname?: string } = {},
  ) =>
    addMethod({
      owner,
      input: {
        token,
        holderName: "Pat Rivera",
        nickname: extra.nickname ?? null,
        makeDefault: extra.makeDefault ?? false,
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });
  const wallet = async (owner: TMethodOwner) => (await listWalletMethods({ userId: owner.userId })).methods;
  const pay = (
    owner: TMethodOwner,
    how: { paymentMethodId: string } | { token: string; saveMethod?: boolean },
  ) => {
    const payer: TPayer = { kind: "patient", ...owner };
    return payBill({
      payer,
      input: {
        allocations: [{ statementId, amount: 1000 as Cents }], // $10.00
        idempotencyKey: randomUUID(),
        ...("token" in how ? { methodKind: "CARD" as const } : {}),
        ...how,
      },
      context,
      gateway,
    });
  };

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { userId: user.id, email: user.email };
    const other = await database.db.user.create({
      data: {
        email: "stranger@example.com",
        firstName: "Sam",
        lastName: "Stranger",
        emailVerifiedAt: new Date(),
      },
    });
    stranger = { userId: other.id, email: other.email };
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } }))
      .id;
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    await database.db.payment.updateMany({ data: { paymentMethodId: null } });
    await database.db.paymentPlan.deleteMany();
    await database.db.paymentMethod.deleteMany();
  });

  it("adds a card from a single-use token; the first method is the default; only display facts are kept", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242", { nickname: "Work card" });
    const [method, ...more] = await wallet(pat);
    expect(more).toEqual([]);
    expect(method).toMatchObject({
      id: methodId,
      kind: "CARD",
      brand: "visa",
      last4: "4242",
      nickname: "Work card",
      holderName: "Pat Rivera",
      isDefault: true,
      expiry: "valid",
    });
    const row = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    expect(row.gatewayToken).toMatch(/^pm_/);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "wallet.method_added", targetId: methodId },
    });
    expect(audit.actorUserId).toBe(pat.userId);
  });

  it("refuses a card the gateway declines when saving it, and keeps nothing", async () => {
    await expect(add(pat, "tok_decline_insufficient_funds")).rejects.toMatchObject({ code: "CARD_DECLINED" });
    expect(await wallet(pat)).toEqual([]);
  });

  it("moves the default, renames, and updates a card's expiry", async () => {
    const first = await add(pat, "tok_ok_visa_4242");
    const second = await add(pat, "tok_ok_mastercard_4444", { makeDefault: true });
    expect((await wallet(pat)).map((m) => [m.id, m.isDefault])).toEqual([
      [second.methodId, true],
      [first.methodId, false],
    ]);
    await setDefaultMethod({ owner: pat, methodId: first.methodId, context });
    expect((await wallet(pat)).find((m) => m.isDefault)?.id).toBe(first.methodId);

    await renameMethod({ owner: pat, methodId: first.methodId, nickname: "Joint card", context });
    expect((await wallet(pat)).find((m) => m.id === first.methodId)?.nickname).toBe("Joint card");
    await renameMethod({ owner: pat, methodId: first.methodId, nickname: null, context });
    expect((await wallet(pat)).find((m) => m.id === first.methodId)?.nickname).toBeNull();

    await updateMethodExpiry({
      owner: pat,
      methodId: first.methodId,
      expMonth: 9,
      expYear: 2031,
      idempotencyKey: randomUUID(),
      context,
      gateway,
    });
    expect((await wallet(pat)).find((m) => m.id === first.methodId)).toMatchObject({
      expMonth: 9,
      expYear: 2031,
    });
  });

  it("answers NOT_FOUND for another patient's method, whatever is asked", async () => {
    const { methodId } = await add(stranger, "tok_ok_visa_4242");
    const asPat = { owner: pat, methodId, context };
    await expect(setDefaultMethod(asPat)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(renameMethod({ ...asPat, nickname: "mine now" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(setStaffChargeConsent({ ...asPat, consent: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(removeMethod({ ...asPat, idempotencyKey: randomUUID(), gateway })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // And paying with it charges nothing.
    await expect(pay(pat, { paymentMethodId: methodId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(gateway.chargeCount()).toBe(0);
    const row = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    expect(row).toMatchObject({ nickname: null, removedAt: null, staffChargeConsentAt: null });
  });

  it("removes a method (here and at the gateway); the newest other method becomes the default", async () => {
    const older = await add(pat, "tok_ok_visa_4242");
    const newer = await add(pat, "tok_ok_mastercard_4444");
    await removeMethod({
      owner: pat,
      methodId: older.methodId,
      idempotencyKey: randomUUID(),
      context,
      gateway,
    });
    expect((await wallet(pat)).map((m) => [m.id, m.isDefault])).toEqual([[newer.methodId, true]]);
    const gone = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: older.methodId } });
    await expect(gateway.getPaymentMethod(gone.gatewayToken)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(pay(pat, { paymentMethodId: older.methodId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("will not remove a method an active payment plan charges, and says where it is used", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
    const plan = await database.db.paymentPlan.create({
      data: {
        accountId: account.id,
        userId: pat.userId,
        paymentMethodId: methodId,
        totalCents: 89000,
        installmentCents: 8900,
        installmentCount: 10,
        frequency: "MONTHLY",
        dayOfMonth: 1,
        startDate: new Date("2026-12-01T00:00:00Z"),
        agreementText: "…",
        agreementVersion: "test",
        agreedAt: new Date(),
      },
    });
    const remove = () =>
      removeMethod({ owner: pat, methodId, idempotencyKey: randomUUID(), context, gateway });
    await expect(remove()).rejects.toMatchObject({
      code: "METHOD_IN_USE",
      userMessage: expect.stringContaining("the payment plan for account A-1001"),
    });
    expect((await wallet(pat))[0]?.usedBy.planAccounts).toEqual(["A-1001"]);
    await database.db.paymentPlan.update({ where: { id: plan.id }, data: { status: "CANCELLED" } });
    await remove();
    expect(await wallet(pat)).toEqual([]);
  });

  it("records the patient's permission for staff charges with its wording's version, and its withdrawal", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    await setStaffChargeConsent({ owner: pat, methodId, consent: true, context });
    const given = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    expect(given.staffChargeConsentAt).toBeInstanceOf(Date);
    expect(given.staffChargeConsentVersion).toBe(STAFF_CHARGE_CONSENT.version);
    await setStaffChargeConsent({ owner: pat, methodId, consent: false, context });
    const withdrawn = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    expect(withdrawn).toMatchObject({ staffChargeConsentAt: null, staffChargeConsentVersion: null });
    const actions = await database.db.auditLog.findMany({
      where: { targetId: methodId, action: { startsWith: "wallet.staff_consent" } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "wallet.staff_consent_given",
      "wallet.staff_consent_withdrawn",
    ]);
  });

  it("stores the Spanish wording's version and text when that is what the patient read, and refuses an unknown one", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    await expect(
      setStaffChargeConsent({ owner: pat, methodId, consent: true, consentVersion: "2020-01-01", context }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(
      (await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } })).staffChargeConsentAt,
    ).toBeNull();
    await setStaffChargeConsent({
      owner: pat,
      methodId,
      consent: true,
      consentVersion: STAFF_CHARGE_CONSENTS.es.version,
      context,
    });
    const given = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    expect(given.staffChargeConsentVersion).toBe("2026-11-24-es");
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { targetId: methodId, action: "wallet.staff_consent_given" },
    });
    expect(audit.metadata).toMatchObject({
      version: "2026-11-24-es",
      text: expect.stringMatching(/^Autorizo al personal de facturación/),
    });
  });

  it("pays with a saved method, and records which one", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    const result = await pay(pat, { paymentMethodId: methodId });
    expect(result.status).toBe("CAPTURED");
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({
      paymentMethodId: methodId,
      methodKind: "CARD",
      brand: "visa",
      last4: "4242",
    });
    expect(gateway.chargeCount()).toBe(1);
  });

  it("says so when the gateway no longer has a saved method, and charges nothing", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    const row = await database.db.paymentMethod.findUniqueOrThrow({ where: { id: methodId } });
    await gateway.deletePaymentMethod({ methodId: row.gatewayToken, idempotencyKey: randomUUID() });
    const before = await database.db.statement.findUniqueOrThrow({ where: { id: statementId } });
    await expect(pay(pat, { paymentMethodId: methodId })).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringContaining("can no longer be charged"),
    });
    expect(gateway.chargeCount()).toBe(0);
    const after = await database.db.statement.findUniqueOrThrow({ where: { id: statementId } });
    const failed = await database.db.payment.findFirstOrThrow({ where: { paymentMethodId: methodId } });
    expect(failed.status).toBe("FAILED");
    expect(after.balanceCents).toBe(before.balanceCents); // the hold was given back
  });

  it("refuses an expired saved card before charging", async () => {
    const { methodId } = await add(pat, "tok_ok_visa_4242");
    await database.db.paymentMethod.update({ where: { id: methodId }, data: { expMonth: 1, expYear: 2020 } });
    await expect(pay(pat, { paymentMethodId: methodId })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(gateway.chargeCount()).toBe(0);
  });

  it("saves a new card after an approved payment when asked, and never after a decline", async () => {
    const result = await pay(pat, { token: "tok_ok_visa_1881", saveMethod: true });
    const [saved, ...more] = await wallet(pat);
    expect(more).toEqual([]);
    expect(saved).toMatchObject({ last4: "1881", isDefault: true });
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment.paymentMethodId).toBe(saved!.id);

    await expect(pay(pat, { token: "tok_decline_generic", saveMethod: true })).rejects.toMatchObject({
      code: "CARD_DECLINED",
    });
    expect(await wallet(pat)).toHaveLength(1);
    // Without the tick, nothing is saved.
    await pay(pat, { token: "tok_ok_visa_1111" });
    expect(await wallet(pat)).toHaveLength(1);
  });
});
