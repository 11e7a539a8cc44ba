import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActingPatient } from "@/lib/audit/actor";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { changeAutopay, enrollAutopay } from "@/lib/autopay/enrollment";
import { ZChangeAutopayInput, ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { createPlan } from "@/lib/plans/create-plan";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

/**
 * "No detours" (issue 15): a new card or bank account typed into the plan or autopay form is
 * verified by the gateway and saved with the agreement, or neither is.
 */
const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.90");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);

describe("a new method in the plan and autopay forms", () => {
  let gateway: TFakeGateway;
  let pat: TActingPatient;
  let stranger: TActingPatient;
  let accountId: string;
  let otherAccountId: string;
  let statementId: string;

  const methodsOf = (userId: string) =>
    database.db.paymentMethod.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  const plansOf = (userId: string) => database.db.paymentPlan.findMany({ where: { userId } });
  const enrollmentsOf = (id: string) => database.db.autopayEnrollment.findMany({ where: { accountId: id } });
  /** Vault entries not deleted. */
  const liveVault = () => [...gateway.storedMethods.values()].filter((m) => !m.deletedAt);
  const balance = async () =>
    (await database.db.statement.findUniqueOrThrow({ where: { id: statementId } })).balanceCents;

  const planInput = (overrides: Record<string, unknown> = {}) =>
    ZCreatePlanInput.parse({
      statementIds: [statementId],
      downPayment: "90.00",
      sizeBy: "count",
      installmentCount: "4",
      frequency: "MONTHLY",
      startDate: "2026-03-15",
      newMethodToken: "tok_ok_visa_4242",
      holderName: "Pat Example",
      agreementVersion: PLAN_AGREEMENT_VERSION,
      idempotencyKey: randomUUID(),
      ...overrides,
    });
  const autopayInput = (overrides: Record<string, unknown> = {}) =>
    ZEnrollAutopayInput.parse({
      accountId,
      paymentMethodId: "new",
      newMethodToken: "tok_ach_checking_6789",
      holderName: "Pat Example",
      limit: "300.00",
      consentVersion: AUTOPAY_CONSENT_VERSION,
      accept: "yes",
      idempotencyKey: randomUUID(),
      ...overrides,
    });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    const other = await database.db.user.create({
      data: {
        email: `stranger-${randomUUID()}@example.com`,
        role: "PATIENT",
        firstName: "S",
        lastName: "Tranger",
      },
    });
    stranger = { kind: "patient", userId: other.id, email: other.email };
    accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    otherAccountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } })).id;
    statementId = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } }))
      .id;
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    setClockForTests(fixedClock(nyTime("2026-03-10T10:00:00")));
    await database.db.installment.deleteMany();
    await database.db.paymentPlan.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.autopayCharge.deleteMany();
    await database.db.autopayEnrollment.deleteMany();
    await database.db.paymentMethod.deleteMany();
    await database.db.rateLimitEvent.deleteMany();
    await database.db.statement.update({
      where: { id: statementId },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
  });

  afterAll(() => setClockForTests(undefined));

  describe("payment plan", () => {
    it("a verified card is saved in the wallet with the plan, and pays its down payment", async () => {
      const result = await createPlan({ owner: pat, input: planInput(), context, gateway });
      expect(result.downPayment?.status).toBe("CAPTURED");

      const [method, ...others] = await methodsOf(pat.userId);
      expect(others).toEqual([]);
      expect(method).toMatchObject({
        kind: "CARD",
        brand: "visa",
        last4: "4242",
        holderName: "Pat Example",
        isDefault: true, // the wallet's first method
        removedAt: null,
      });
      const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: result.planId } });
      expect(plan).toMatchObject({ status: "ACTIVE", paymentMethodId: method!.id, userId: pat.userId });
      // The agreement names the card the patient typed, as the wallet names it.
      expect(plan.agreementText).toContain("Payment method: Visa ••4242.");
      const payment = await database.db.payment.findUniqueOrThrow({
        where: { id: result.downPayment!.paymentId },
      });
      expect(payment.paymentMethodId).toBe(method!.id);
      expect(await balance()).toBe(80000); // $800.00 left after $90.00 down
      expect(liveVault().map((m) => m.method.id)).toEqual([method!.gatewayToken]);
      const audit = await database.db.auditLog.findMany({
        where: { targetId: method!.id, action: "wallet.method_added" },
      });
      expect(audit).toHaveLength(1);
    });

    it("a declined verification saves no method and makes no plan", async () => {
      const input = planInput({ newMethodToken: "tok_decline_insufficient_funds" });
      await expect(createPlan({ owner: pat, input, context, gateway })).rejects.toMatchObject({
        code: "CARD_DECLINED",
        userMessage: expect.stringContaining("It was not saved, and the plan was not set up."),
      });
      expect(await methodsOf(pat.userId)).toEqual([]);
      expect(await plansOf(pat.userId)).toEqual([]);
      expect(liveVault()).toEqual([]);
      expect(await balance()).toBe(89000);
      expect(gateway.chargeCount()).toBe(0);
    });

    it("a card verified but declined for the down payment leaves neither plan nor method", async () => {
      // The card passes the $0 verification, then its first charge is declined.
      const store = gateway.storePaymentMethod;
      gateway.storePaymentMethod = async (input) => {
        const stored = await store(input);
        gateway.storedMethods.get(stored.id)!.token = "tok_decline_insufficient_funds";
        return stored;
      };
      await expect(createPlan({ owner: pat, input: planInput(), context, gateway })).rejects.toMatchObject({
        code: "CARD_DECLINED",
        userMessage: expect.stringContaining(
          "no plan was created and your new card or bank account was not saved",
        ),
      });
      expect(await plansOf(pat.userId)).toEqual([]);
      // Out of the wallet (a declined payment still names it) and out of the vault.
      const methods = await methodsOf(pat.userId);
      expect(methods).toHaveLength(1);
      expect(methods[0]!.removedAt).not.toBeNull();
      expect(liveVault()).toEqual([]);
      expect(await balance()).toBe(89000);
    });

    it("bad terms are refused before the gateway is asked: nothing is verified or saved", async () => {
      const input = planInput({ installmentCount: "400" });
      await expect(createPlan({ owner: pat, input, context, gateway })).rejects.toMatchObject({
        code: "VALIDATION",
      });
      expect(gateway.storedMethods.size).toBe(0);
      expect(await methodsOf(pat.userId)).toEqual([]);
    });

    it("the same submission twice, one after the other or at once, is one method, one plan, one down payment", async () => {
      const input = planInput();
      const first = await createPlan({ owner: pat, input, context, gateway });
      const again = await createPlan({ owner: pat, input, context, gateway });
      expect(again).toMatchObject({ planId: first.planId, isNew: false });
      expect(again.downPayment?.paymentId).toBe(first.downPayment?.paymentId);

      const both = planInput({ statementIds: [statementId] });
      await database.db.installment.deleteMany();
      await database.db.paymentPlan.deleteMany();
      const results = await Promise.all([
        createPlan({ owner: pat, input: both, context, gateway }),
        createPlan({ owner: pat, input: both, context, gateway }),
      ]);
      expect(results[1]!.planId).toBe(results[0]!.planId);
      expect(await plansOf(pat.userId)).toHaveLength(1);
      // One method from each submission, never two from one.
      expect((await methodsOf(pat.userId)).filter((m) => !m.removedAt)).toHaveLength(2);
      expect(await database.db.payment.count({ where: { status: "CAPTURED" } })).toBe(2);
      expect(gateway.chargeCount()).toBe(2);
    });

    it("a stranger's saved method, or a replay of someone else's submission, is not found and changes nothing", async () => {
      const patsSubmission = planInput();
      await createPlan({ owner: pat, input: patsSubmission, context, gateway });
      const patsMethod = (await methodsOf(pat.userId))[0]!;
      // The stranger is linked to the account too, so only the method stands in the way.
      await database.db.installment.deleteMany();
      await database.db.paymentPlan.deleteMany();
      await database.db.accountLink.create({ data: { userId: stranger.userId, accountId } });
      const withPatsMethod = planInput({
        newMethodToken: undefined,
        holderName: undefined,
        paymentMethodId: patsMethod.id,
      });
      await expect(
        createPlan({ owner: stranger, input: withPatsMethod, context, gateway }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });

      // Pat's very submission (form key and token) sent again by the stranger: Pat's plan is no
      // plan of theirs, and Pat's vault entry no method of theirs.
      const again = planInput();
      await createPlan({ owner: pat, input: again, context, gateway });
      await expect(createPlan({ owner: stranger, input: again, context, gateway })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await database.db.installment.deleteMany();
      await database.db.paymentPlan.deleteMany();
      await expect(createPlan({ owner: stranger, input: again, context, gateway })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await methodsOf(stranger.userId)).toEqual([]);
      expect(await plansOf(stranger.userId)).toEqual([]);
      expect(await database.db.accountLink.deleteMany({ where: { userId: stranger.userId } })).toEqual({
        count: 1,
      });
    });
  });

  describe("autopay", () => {
    it("a verified bank account is saved in the wallet with the enrolment, named in the consent", async () => {
      const { enrollmentId } = await enrollAutopay({ owner: pat, input: autopayInput(), context, gateway });
      const [method, ...others] = await methodsOf(pat.userId);
      expect(others).toEqual([]);
      expect(method).toMatchObject({
        kind: "ACH",
        last4: "6789",
        holderName: "Pat Example",
        removedAt: null,
      });
      const enrollment = await database.db.autopayEnrollment.findUniqueOrThrow({
        where: { id: enrollmentId },
      });
      expect(enrollment).toMatchObject({
        status: "ACTIVE",
        paymentMethodId: method!.id,
        limitCents: 30000, // $300.00
        userId: pat.userId,
      });
      expect(enrollment.consentText).toContain("••6789");
    });

    it("a declined card saves no method and turns nothing on", async () => {
      const input = autopayInput({ newMethodToken: "tok_decline_generic" });
      await expect(enrollAutopay({ owner: pat, input, context, gateway })).rejects.toMatchObject({
        code: "CARD_DECLINED",
      });
      expect(await methodsOf(pat.userId)).toEqual([]);
      expect(await enrollmentsOf(accountId)).toEqual([]);
      expect(liveVault()).toEqual([]);
    });

    it("the same submission twice is one method and one enrolment", async () => {
      const input = autopayInput();
      const first = await enrollAutopay({ owner: pat, input, context, gateway });
      const again = await enrollAutopay({ owner: pat, input, context, gateway });
      expect(again.enrollmentId).toBe(first.enrollmentId);
      expect(await methodsOf(pat.userId)).toHaveLength(1);
      expect(await enrollmentsOf(accountId)).toHaveLength(1);
      expect(liveVault()).toHaveLength(1);
    });

    it("an account already on autopay refuses a new submission, and its new method is not kept", async () => {
      await enrollAutopay({ owner: pat, input: autopayInput(), context, gateway });
      const second = autopayInput({ newMethodToken: "tok_ok_visa_1111" });
      await expect(enrollAutopay({ owner: pat, input: second, context, gateway })).rejects.toMatchObject({
        code: "VALIDATION",
        userMessage: "Account A-1001 is already on autopay.",
      });
      expect((await methodsOf(pat.userId)).map((m) => m.last4)).toEqual(["6789"]);
      expect(liveVault().map((m) => m.method.last4)).toEqual(["6789"]);
    });

    it("changes an enrolment to a new card, saved with the new consent", async () => {
      const { enrollmentId } = await enrollAutopay({ owner: pat, input: autopayInput(), context, gateway });
      const input = ZChangeAutopayInput.parse({
        enrollmentId,
        paymentMethodId: "new",
        newMethodToken: "tok_ok_mastercard_4444",
        holderName: "Pat Example",
        limit: "250.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
        idempotencyKey: randomUUID(),
      });
      await changeAutopay({ owner: pat, input, context, gateway });
      await changeAutopay({ owner: pat, input, context, gateway }); // a double submit
      const methods = await methodsOf(pat.userId);
      expect(methods.map((m) => m.last4)).toEqual(["6789", "4444"]);
      const enrollment = await database.db.autopayEnrollment.findUniqueOrThrow({
        where: { id: enrollmentId },
      });
      expect(enrollment).toMatchObject({ paymentMethodId: methods[1]!.id, limitCents: 25000 }); // $250.00
      expect(enrollment.consentText).toContain("Mastercard ••4444");
      expect(
        await database.db.auditLog.count({ where: { targetId: enrollmentId, action: "autopay.changed" } }),
      ).toBe(1);
    });

    it("a stranger's account or saved method is not found, before any card is verified", async () => {
      const patsMethod = await enrollAutopay({ owner: pat, input: autopayInput(), context, gateway }).then(
        async () => (await methodsOf(pat.userId))[0]!,
      );
      const vaultBefore = gateway.storedMethods.size;
      await expect(
        enrollAutopay({ owner: pat, input: autopayInput({ accountId: otherAccountId }), context, gateway }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(gateway.storedMethods.size).toBe(vaultBefore);

      const strangerAccount = await database.db.accountLink.create({
        data: { userId: stranger.userId, accountId: otherAccountId },
      });
      const withPatsMethod = autopayInput({
        accountId: strangerAccount.accountId,
        paymentMethodId: patsMethod.id,
        newMethodToken: undefined,
        holderName: undefined,
      });
      await expect(
        enrollAutopay({ owner: stranger, input: withPatsMethod, context, gateway }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await enrollmentsOf(otherAccountId)).toEqual([]);
      expect(await methodsOf(stranger.userId)).toEqual([]);
    });
  });
});
