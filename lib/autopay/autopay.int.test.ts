import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { changeAutopay, enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { chargeDueAutopay, sendAutopayReminders } from "@/lib/autopay/run-autopay";
import { ZChangeAutopayInput, ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import type { TActingUser } from "@/lib/audit/actor";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { reconcilePayment } from "@/lib/payments/reconcile-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.70");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);

describe("autopay", () => {
  let gateway: TFakeGateway;
  let clock: ReturnType<typeof fixedClock>;
  let pat: Extract<TActingUser, { kind: "patient" }>;
  let other: Extract<TActingUser, { kind: "patient" }>;
  let accountId: string;
  let otherAccountId: string;
  let methodId: string;

  const addMethod = async (userId: string, token = "tok_ok_visa_4242") => {
    const stored = await gateway.storePaymentMethod({ token, idempotencyKey: randomUUID() });
    return (
      await database.db.paymentMethod.create({
        data: {
          userId,
          kind: "CARD",
          gatewayToken: stored.id,
          brand: "visa",
          last4: "4242",
          expMonth: 12,
          expYear: 2030,
        },
      })
    ).id;
  };
  const enrol = (overrides: Record<string, unknown> = {}, owner = pat) =>
    enrollAutopay({
      owner,
      input: ZEnrollAutopayInput.parse({
        accountId,
        paymentMethodId: methodId,
        limit: "200.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
        ...overrides,
      }),
      context,
    });
  /** A statement the PMS issues for A-1001 (after the enrolment). */
  const issue = (cents: number, dates: { statementDate: string; dueDate?: string }) =>
    database.db.statement.create({
      data: {
        accountId,
        statementNumber: `ST-AP-${randomUUID().slice(0, 8)}`,
        statementDate: new Date(`${dates.statementDate}T00:00:00Z`),
        dueDate: dates.dueDate ? new Date(`${dates.dueDate}T00:00:00Z`) : null,
        amountDueCents: cents,
        balanceCents: cents,
        patientFirstName: "Pat",
        patientLastName: "Example",
        patientDob: new Date("1980-01-01T00:00:00Z"),
      },
    });
  const runAt = (iso: string) => {
    clock.set(nyTime(iso));
    return chargeDueAutopay({ now: clock.now(), gateway });
  };
  const mailTo = (subject: string) =>
    database.db.outboxEmail.count({ where: { to: DEMO.patient.email, subject: { contains: subject } } });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    const stranger = await database.db.user.create({
      data: { email: `other-${randomUUID()}@example.com`, role: "PATIENT", firstName: "O", lastName: "Ther" },
    });
    other = { kind: "patient", userId: stranger.id, email: stranger.email };
    accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    otherAccountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-2001" } })).id;
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    clock = fixedClock(nyTime("2026-03-10T10:00:00"));
    setClockForTests(clock);
    await database.db.autopayCharge.deleteMany();
    await database.db.autopayEnrollment.deleteMany();
    await database.db.integrationEvent.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.outboxEmail.deleteMany();
    await database.db.paymentMethod.deleteMany();
    await database.db.statement.deleteMany({ where: { statementNumber: { startsWith: "ST-AP-" } } });
    methodId = await addMethod(pat.userId);
  });

  afterAll(() => setClockForTests(undefined));

  it("enrols with the consent stored, once per account, and unenrols (audited)", async () => {
    const { enrollmentId } = await enrol();
    const row = await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
    expect(row).toMatchObject({
      status: "ACTIVE",
      limitCents: 20000, // $200.00
      consentVersion: AUTOPAY_CONSENT_VERSION,
      consentIp: "203.0.113.70",
      source: "WEB",
      userId: pat.userId,
    });
    expect(row.consentText).toContain("$200.00");
    expect(row.consentedAt.toISOString()).toBe(nyTime("2026-03-10T10:00:00").toISOString());
    await expect(enrol()).rejects.toMatchObject({ code: "VALIDATION" });

    const changed = await changeAutopay({
      owner: pat,
      input: ZChangeAutopayInput.parse({
        enrollmentId,
        paymentMethodId: methodId,
        limit: "50",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context: requestFrom("203.0.113.71"),
    });
    expect(changed.enrollmentId).toBe(enrollmentId);
    const after = await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
    expect(after).toMatchObject({ limitCents: 5000, consentIp: "203.0.113.71" });
    expect(after.consentText).toContain("$50.00");

    await expect(unenrollAutopay({ actor: other, enrollmentId, context })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await unenrollAutopay({ actor: pat, enrollmentId, context });
    expect(
      (await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).status,
    ).toBe("CANCELLED");
    const audit = await database.db.auditLog.findMany({
      where: { targetId: enrollmentId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["autopay.enrolled", "autopay.changed", "autopay.unenrolled"]);
    // Turning off what is already off changes nothing.
    await unenrollAutopay({ actor: pat, enrollmentId, context });
    // Enrolling again after turning it off is allowed.
    await expect(enrol()).resolves.toMatchObject({ enrollmentId: expect.any(String) });
    // The practice's system heard of each enrolment and unenrolment once (no event for new terms).
    const events = (
      await database.db.integrationEvent.findMany({ where: { accountId }, orderBy: { seq: "asc" } })
    ).map((e) => JSON.parse(e.body) as { type: string; data: { enrollment: Record<string, unknown> } });
    expect(events.map((e) => e.type)).toEqual(["autopay.enrolled", "autopay.unenrolled", "autopay.enrolled"]);
    expect(events[0]!.data.enrollment).toMatchObject({
      id: enrollmentId,
      account_number: "A-1001",
      limit_cents: 20000, // $200.00
      source: "web",
      method: { kind: "card", last4: "4242" },
    });
    expect(events[1]!.data.enrollment).toMatchObject({ id: enrollmentId, status: "cancelled" });
  });

  it("refuses another patient's account or method, a missing one, an old consent and a limit under $1", async () => {
    await expect(enrol({ accountId: otherAccountId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(enrol({ accountId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const theirs = await addMethod(other.userId);
    await expect(enrol({ paymentMethodId: theirs })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(enrol({ consentVersion: "autopay-consent-v0" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(
      ZEnrollAutopayInput.safeParse({
        accountId,
        paymentMethodId: methodId,
        limit: "0.99",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }).success,
    ).toBe(false);
    expect(
      ZEnrollAutopayInput.safeParse({
        accountId,
        paymentMethodId: methodId,
        limit: "10",
        consentVersion: AUTOPAY_CONSENT_VERSION,
      }).success,
    ).toBe(false);
    expect(await database.db.autopayEnrollment.count()).toBe(0);
  });

  it("charges a new statement under the limit on its due date, not before, exactly once", async () => {
    await enrol();
    const st = await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" }); // $80.00
    expect((await runAt("2026-03-19T12:00:00")).PAID).toBe(0);
    expect(gateway.chargeCount()).toBe(0);
    expect((await runAt("2026-03-20T10:00:00")).PAID).toBe(1);
    expect((await runAt("2026-03-20T11:00:00")).PAID).toBe(0);
    expect(gateway.chargeCount()).toBe(1);
    const payments = await database.db.payment.findMany({ where: { channel: "AUTOPAY" } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 8000, idempotencyKey: `autopay:${st.id}:8000` });
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(0);
    // The demo statements were issued before the enrolment: never charged by autopay.
    expect(await database.db.autopayCharge.count()).toBe(1);
  });

  it("charges many due statements in one run, several at once, each exactly once", async () => {
    await enrol();
    const issued = [];
    for (let n = 0; n < 30; n += 1) {
      issued.push(await issue(1000 + n, { statementDate: "2026-03-11", dueDate: "2026-03-20" })); // $10.00 …
    }
    clock.set(nyTime("2026-03-20T10:00:00"));
    const heard: string[] = [];
    const run = await chargeDueAutopay({
      now: clock.now(),
      gateway,
      batchSize: 7,
      concurrency: 4,
      onCharged: ({ chargeId, outcome }) => {
        expect(outcome).toBe("PAID");
        heard.push(chargeId);
      },
    });
    expect(run).toMatchObject({ PAID: 30, errors: 0, PENDING: 0, FAILED: 0, SKIPPED: 0 });
    expect(heard).toHaveLength(30);
    expect(new Set(heard).size).toBe(30);
    expect(gateway.chargeCount()).toBe(30);
    const payments = await database.db.payment.findMany({ where: { channel: "AUTOPAY" } });
    expect(new Set(payments.map((p) => p.idempotencyKey))).toEqual(
      new Set(issued.map((st) => `autopay:${st.id}:${st.amountDueCents}`)),
    );
    const left = await database.db.statement.findMany({ where: { id: { in: issued.map((st) => st.id) } } });
    expect(left.every((st) => st.balanceCents === 0 && st.status === "PAID")).toBe(true);
    const charges = await database.db.autopayCharge.findMany();
    expect(charges.every((c) => c.status === "PAID" && c.claimedUntil === null)).toBe(true);
    expect((await runAt("2026-03-20T11:00:00")).PAID).toBe(0);
    expect(gateway.chargeCount()).toBe(30);
  });

  it("charges two versions of one statement in the same run one after the other: the second finds nothing owed", async () => {
    await enrol();
    const st = await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" }); // $80.00
    expect((await runAt("2026-03-12T10:00:00")).planned).toBe(1);
    // Re-billed before its day (a balance file with another amount): a second version.
    await database.db.statement.update({
      where: { id: st.id },
      data: { amountDueCents: 9000, balanceCents: 9000 }, // $90.00
    });
    expect((await runAt("2026-03-13T10:00:00")).planned).toBe(1);
    const run = await runAt("2026-03-20T10:00:00");
    expect(run).toMatchObject({ PAID: 1, NOTHING_OWED: 1, errors: 0 });
    expect(gateway.chargeCount()).toBe(1);
    const payments = await database.db.payment.findMany({ where: { channel: "AUTOPAY" } });
    expect(payments).toHaveLength(1);
    expect(payments[0]!.amountCents).toBe(9000);
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(0);
  });

  it("after a crash between the charge and its outcome, the next run takes the payment made, not a second charge", async () => {
    await enrol();
    const st = await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" }); // $80.00
    expect((await runAt("2026-03-20T10:00:00")).PAID).toBe(1);
    // As if the worker had died after payBill answered and before the charge row was written.
    await database.db.autopayCharge.updateMany({
      data: { status: "SCHEDULED", paymentId: null, amountCents: null, claimedUntil: null },
    });
    expect(await runAt("2026-03-20T11:00:00")).toMatchObject({ PAID: 1, errors: 0 });
    expect(gateway.chargeCount()).toBe(1);
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { idempotencyKey: `autopay:${st.id}:8000` },
    });
    expect(await database.db.autopayCharge.findFirstOrThrow()).toMatchObject({
      status: "PAID",
      paymentId: payment.id,
      amountCents: 8000,
    });
  });

  it("a charge whose answer is lost is looked at once a run, never charged twice, and paid once reconciliation hears", async () => {
    methodId = await addMethod(pat.userId, "tok_timeout"); // approves, but the answer never arrives
    await enrol();
    const st = await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" }); // $80.00
    // The run ends (before, it claimed the charge again and again until the answer came).
    expect(await runAt("2026-03-20T10:00:00")).toMatchObject({ PENDING: 1, PAID: 0, errors: 0 });
    expect(await runAt("2026-03-20T10:05:00")).toMatchObject({ PENDING: 0 }); // held by its lease
    expect(await runAt("2026-03-20T11:00:00")).toMatchObject({ PENDING: 1, errors: 0 }); // still no answer
    expect(gateway.chargeCount()).toBe(1);
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { idempotencyKey: `autopay:${st.id}:8000` },
    });
    expect(payment.status).toBe("PENDING");
    await reconcilePayment({ paymentId: payment.id, gateway });
    expect(await runAt("2026-03-20T12:00:00")).toMatchObject({ PAID: 1, PENDING: 0 });
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.autopayCharge.findFirstOrThrow()).toMatchObject({
      status: "PAID",
      paymentId: payment.id,
      claimedUntil: null,
    });
    expect((await database.db.statement.findUniqueOrThrow({ where: { id: st.id } })).balanceCents).toBe(0);
  });

  it("charges a statement without a due date N days after its statement date (practice setting)", async () => {
    await enrol();
    await issue(2500, { statementDate: "2026-03-11" }); // default 14 days: 2026-03-25
    expect((await runAt("2026-03-24T12:00:00")).PAID).toBe(0);
    expect((await runAt("2026-03-25T09:00:00")).PAID).toBe(1);
  });

  it("does not charge a statement above the limit and emails the patient once", async () => {
    await enrol();
    await issue(50000, { statementDate: "2026-03-11", dueDate: "2026-03-20" }); // $500.00 > $200.00
    expect((await runAt("2026-03-10T12:00:00")).planned).toBe(1);
    await runAt("2026-03-20T10:00:00");
    await runAt("2026-03-21T10:00:00");
    expect(gateway.chargeCount()).toBe(0);
    expect(await mailTo("above your limit")).toBe(1);
    expect((await database.db.autopayCharge.findFirstOrThrow()).status).toBe("OVER_LIMIT");
  });

  it("sends one reminder before the charge", async () => {
    await enrol();
    await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" });
    clock.set(nyTime("2026-03-16T09:00:00"));
    expect((await sendAutopayReminders({ now: clock.now() })).reminded).toBe(0); // 4 days before
    clock.set(nyTime("2026-03-17T09:00:00"));
    expect((await sendAutopayReminders({ now: clock.now() })).reminded).toBe(1);
    expect((await sendAutopayReminders({ now: clock.now() })).reminded).toBe(0);
    expect(await mailTo("will be charged on")).toBe(1);
  });

  it("sends many reminders in batches, each once", async () => {
    await enrol();
    for (let n = 0; n < 12; n += 1) {
      await issue(1000 + n, { statementDate: "2026-03-11", dueDate: "2026-03-20" });
    }
    clock.set(nyTime("2026-03-17T09:00:00"));
    expect(await sendAutopayReminders({ now: clock.now(), batchSize: 5 })).toEqual({ reminded: 12 });
    expect(await sendAutopayReminders({ now: clock.now(), batchSize: 5 })).toEqual({ reminded: 0 });
    expect(await mailTo("will be charged on")).toBe(12);
  });

  it("does not charge an account that was unenrolled", async () => {
    const { enrollmentId } = await enrol();
    await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" });
    await runAt("2026-03-12T10:00:00"); // planned
    await unenrollAutopay({ actor: pat, enrollmentId, context });
    const run = await runAt("2026-03-20T10:00:00");
    expect(run.PAID).toBe(0);
    expect(gateway.chargeCount()).toBe(0);
    expect(await database.db.payment.count({ where: { channel: "AUTOPAY" } })).toBe(0);
  });

  it("emails the patient after a decline and does not retry", async () => {
    methodId = await addMethod(pat.userId, "tok_processor_error");
    await enrol();
    await issue(8000, { statementDate: "2026-03-11", dueDate: "2026-03-20" });
    expect((await runAt("2026-03-20T10:00:00")).FAILED).toBe(1);
    expect((await runAt("2026-03-21T10:00:00")).FAILED).toBe(0);
    expect(await mailTo("was declined")).toBe(1);
    const declined = await database.db.outboxEmail.findFirstOrThrow({
      where: { subject: { contains: "declined" } },
    });
    expect(declined.text).toContain("$80.00 for statement");
    expect(declined.text).toContain("on Mar 20, 2026."); // the charge day, read back from SQL
    expect((await database.db.autopayCharge.findFirstOrThrow()).status).toBe("FAILED");
  });
});
