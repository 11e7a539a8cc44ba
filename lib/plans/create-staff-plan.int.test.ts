import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actingStaff, type TActingStaff } from "@/lib/audit/actor";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION, PLAN_AGREEMENT_VERSIONS } from "@/lib/plans/agreement";
import { drainAgreementEmails } from "@/lib/plans/agreement-email-queue";
import { createPlanAs } from "@/lib/plans/create-plan";
import { createStaffPlan } from "@/lib/plans/create-staff-plan";
import { getAgreementEmailState } from "@/lib/plans/queries";
import { ZCreateStaffPlanInput } from "@/lib/plans/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.91");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);

/**
 * Staff set up a plan for an account's patient: the patient's rules and agreement, a method the
 * patient lets staff charge, how the patient agreed recorded, the agreement emailed once, audited
 * as the staff member's; never for another practice's account or an unconsented method.
 */
describe("createStaffPlan", () => {
  let gateway: TFakeGateway;
  let staff: TActingStaff;
  let other: TOtherPractice;
  let patient: { id: string; email: string };
  let accountId: string;
  let st1002: string;
  let methodId: string;

  const form = (overrides: Record<string, unknown> = {}) =>
    ZCreateStaffPlanInput.parse({
      accountId,
      statementIds: [st1002],
      downPayment: "90.00",
      sizeBy: "count",
      installmentCount: "4",
      frequency: "MONTHLY",
      dayOfMonth: "15",
      startDate: "2026-03-15",
      paymentMethodId: methodId,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      agreedVia: "PHONE",
      idempotencyKey: randomUUID(),
      ...overrides,
    });
  const agreementMails = () =>
    database.db.outboxEmail.findMany({
      where: { to: patient.email, subject: { contains: "payment plan agreement" } },
    });
  const balance = async () =>
    (await database.db.statement.findUniqueOrThrow({ where: { id: st1002 } })).balanceCents;

  beforeAll(async () => {
    other = await makeOtherPractice(database.db);
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    staff = actingStaff({ userId: u.id, email: u.email, role: u.role, practiceId: u.practiceId! });
    const p = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    patient = { id: p.id, email: p.email };
    const statement = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-1002" },
    });
    st1002 = statement.id;
    accountId = statement.accountId;
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    setClockForTests(fixedClock(nyTime("2026-03-10T10:00:00")));
    await database.db.installment.deleteMany();
    await database.db.paymentPlan.deleteMany();
    await database.db.outboxEmail.deleteMany();
    await database.db.statement.update({
      where: { id: st1002 },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    methodId = (
      await database.db.paymentMethod.create({
        data: {
          userId: patient.id,
          kind: "CARD",
          gatewayToken: stored.id,
          brand: "visa",
          last4: "4242",
          expMonth: 12,
          expYear: 2030,
          staffChargeConsentAt: new Date(),
          staffChargeConsentVersion: "staff-charge-v1",
        },
      })
    ).id;
  });

  afterAll(() => setClockForTests(undefined));

  it("sets up the patient's plan, records how they agreed, charges the down payment and emails the agreement", async () => {
    const input = form();
    const result = await createStaffPlan({ actor: staff, input, context, gateway });
    expect(result.downPayment?.status).toBe("CAPTURED");
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: result.planId } });
    expect(plan).toMatchObject({
      accountId,
      userId: patient.id,
      createdByUserId: staff.userId,
      paymentMethodId: methodId,
      agreedVia: "PHONE",
      agreedIp: null,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      totalCents: 89000, // $890.00
      downPaymentCents: 9000, // $90.00
      installmentCount: 4,
    });
    expect(plan.agreementText).toContain("Payment method: Visa ••4242.");
    expect(await balance()).toBe(80000); // $800.00
    const down = await database.db.payment.findUniqueOrThrow({
      where: { id: result.downPayment!.paymentId },
    });
    expect(down).toMatchObject({ channel: "PLAN", amountCents: 9000, paymentMethodId: methodId });

    const mails = await agreementMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("by phone");
    expect(mails[0]!.text).toContain(`version ${PLAN_AGREEMENT_VERSION}`);
    expect(mails[0]!.text).toContain(plan.agreementText);

    const audit = await database.db.auditLog.findMany({
      where: { targetId: result.planId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorUserId, a.actorRole])).toEqual([
      ["plan.created", staff.userId, "BILLING_MANAGER"],
      ["plan.agreement_emailed", staff.userId, "BILLING_MANAGER"],
    ]);
    expect(audit[0]!.metadata).toMatchObject({
      agreedVia: "PHONE",
      agreementVersion: PLAN_AGREEMENT_VERSION,
    });

    // A double submit: the same plan, no second charge, no second email.
    const again = await createStaffPlan({ actor: staff, input, context, gateway });
    expect(again).toMatchObject({ planId: result.planId, isNew: false });
    expect(gateway.chargeCount()).toBe(1);
    expect(await agreementMails()).toHaveLength(1);
    expect(await database.db.paymentPlan.count()).toBe(1);
  });

  it("emails an agreement read in Spanish in Spanish, quoting the Spanish text, whatever the patient's saved language", async () => {
    // The patient chose no language (English); the agreement read to them was the Spanish one.
    await database.db.user.update({ where: { id: patient.id }, data: { locale: null } });
    const result = await createStaffPlan({
      actor: staff,
      input: form({ agreementVersion: PLAN_AGREEMENT_VERSIONS.es, agreedVia: "IN_PERSON" }),
      context,
      gateway,
    });
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: result.planId } });
    expect(plan.agreementVersion).toBe(PLAN_AGREEMENT_VERSIONS.es);
    const [mail, ...others] = await database.db.outboxEmail.findMany({ where: { to: patient.email } });
    expect(others).toEqual([]);
    expect(mail!.subject).toBe("Su acuerdo de plan de pagos con Riverside Family Medicine");
    expect(mail!.text).toContain(
      // When, as the practice's clock says it (New York), in Spanish.
      "El 10 mar 2026, 10:00 a.m., nuestra oficina de facturación acordó con usted en persona un plan de pagos para la cuenta A-1001.",
    );
    expect(mail!.text).toContain(`versión ${PLAN_AGREEMENT_VERSIONS.es}`);
    expect(mail!.text).toContain(plan.agreementText);
    expect(mail!.text).not.toMatch(/\bpayment plan\b|\bin person\b|\bplease keep it\b|\bSee your\b/i);
    expect(mail!.html).toContain('lang="es"');
  });

  it("refuses a method the patient has not allowed staff to charge, and creates nothing", async () => {
    await database.db.paymentMethod.update({ where: { id: methodId }, data: { staffChargeConsentAt: null } });
    await expect(createStaffPlan({ actor: staff, input: form(), context, gateway })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await database.db.paymentPlan.count()).toBe(0);
    expect(gateway.chargeCount()).toBe(0);
    expect(await agreementMails()).toHaveLength(0);
  });

  it("refuses an agreement version the patient was not shown", async () => {
    await expect(
      createStaffPlan({
        actor: staff,
        input: form({ agreementVersion: "plan-agreement-v0" }),
        context,
        gateway,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await database.db.paymentPlan.count()).toBe(0);
  });

  it("staff of another practice get NOT_FOUND for the demo account and its plan's key, and nothing changes", async () => {
    const otherStaff = actingStaff(other.staff);
    await expect(
      createStaffPlan({ actor: otherStaff, input: form(), context, gateway }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Naming their own account with the demo statement is no better.
    await expect(
      createStaffPlan({ actor: otherStaff, input: form({ accountId: other.accountId }), context, gateway }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const input = form();
    await createStaffPlan({ actor: staff, input, context, gateway });
    await expect(createStaffPlan({ actor: otherStaff, input, context, gateway })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await database.db.paymentPlan.count()).toBe(1);
    expect(gateway.chargeCount()).toBe(1);
  });

  it("needs how the patient agreed: in person or by phone, not online", () => {
    expect(() => form({ agreedVia: "ONLINE" })).toThrow();
    expect(() => form({ agreedVia: undefined })).toThrow();
    expect(form({ agreedVia: "IN_PERSON" }).agreedVia).toBe("IN_PERSON");
  });

  it("makes the agreement email due in the plan's own transaction: after a crash before sending, the sweep sends it once", async () => {
    // The creating request dies right after the plan commits (createStaffPlan without its send).
    const { accountId: _, agreedVia, ...terms } = form({ agreedVia: "IN_PERSON" });
    const result = await createPlanAs({
      creator: { kind: "staff", actor: staff, accountId, agreedVia },
      input: terms,
      context,
      gateway,
    });
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: result.planId } });
    expect(plan.agreementEmailDueAt).toBeInstanceOf(Date);
    expect(await agreementMails()).toHaveLength(0);
    expect(await getAgreementEmailState(plan.id)).toEqual({ kind: "due", to: patient.email });

    // Left to the creating request for five minutes; then the sweep's.
    expect((await drainAgreementEmails()).claimed).toBe(0);
    await database.db
      .$executeRaw`UPDATE payment_plan SET "agreementEmailDueAt" = now() - interval '1 second' WHERE id = ${plan.id}`;
    expect(await drainAgreementEmails()).toEqual({ claimed: 1, sent: 1, noAddress: 0, failed: 0 });
    const mails = await agreementMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("in person");
    expect(await getAgreementEmailState(plan.id)).toEqual({ kind: "sent", to: patient.email });
    // Never a second.
    expect((await drainAgreementEmails()).claimed).toBe(0);
    expect(await agreementMails()).toHaveLength(1);
    const audit = await database.db.auditLog.findMany({
      where: { targetId: plan.id, action: "plan.agreement_emailed" },
    });
    expect(audit.map((a) => [a.actorUserId, a.actorRole, a.outcome, a.ip])).toEqual([
      [staff.userId, "BILLING_MANAGER", "SUCCESS", null],
    ]);
    expect(audit[0]!.metadata).toEqual({ to: patient.email, status: "STORED" });
  });

  it("a plan whose down payment fails is taken away with its agreement email", async () => {
    const failing = await gateway.storePaymentMethod({
      token: "tok_processor_error",
      idempotencyKey: randomUUID(),
    });
    await database.db.paymentMethod.update({ where: { id: methodId }, data: { gatewayToken: failing.id } });
    await expect(createStaffPlan({ actor: staff, input: form(), context, gateway })).rejects.toMatchObject({
      userMessage: expect.stringContaining("no plan was created"),
    });
    expect(await database.db.paymentPlan.count()).toBe(0);
    expect((await drainAgreementEmails()).claimed).toBe(0);
    expect(await agreementMails()).toHaveLength(0);
  });

  it("with no email address on file sends nothing, says so and audits it", async () => {
    const account = await database.db.account.findUniqueOrThrow({ where: { id: accountId } });
    // A method kept for the account itself (no login), on an account with no email.
    const accountMethod = await database.db.paymentMethod.create({
      data: {
        accountId,
        kind: "CARD",
        gatewayToken: (
          await gateway.storePaymentMethod({ token: "tok_ok_visa_1111", idempotencyKey: randomUUID() })
        ).id,
        brand: "visa",
        last4: "1111",
        expMonth: 12,
        expYear: 2030,
        staffChargeConsentAt: new Date(),
        staffChargeConsentVersion: "staff-charge-v1",
      },
    });
    await database.db.account.update({ where: { id: accountId }, data: { email: null } });
    try {
      const result = await createStaffPlan({
        actor: staff,
        input: form({ paymentMethodId: accountMethod.id }),
        context,
        gateway,
      });
      expect(await getAgreementEmailState(result.planId)).toEqual({ kind: "no-address" });
      const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: result.planId } });
      expect(plan).toMatchObject({ userId: null, agreementEmailDueAt: null });
      expect(await database.db.outboxEmail.count({ where: { subject: { contains: "agreement" } } })).toBe(0);
      const audit = await database.db.auditLog.findFirstOrThrow({
        where: { targetId: result.planId, action: "plan.agreement_emailed" },
      });
      expect(audit).toMatchObject({ actorUserId: staff.userId, outcome: "FAILURE", ip: "203.0.113.91" });
      expect(audit.metadata).toEqual({ to: null, status: "NO_ADDRESS" });
    } finally {
      await database.db.account.update({ where: { id: accountId }, data: { email: account.email } });
    }
  });
});
