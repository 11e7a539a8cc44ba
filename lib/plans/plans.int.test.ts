import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { toIsoDay } from "@/lib/dates";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { reconcilePayment } from "@/lib/payments/reconcile-payment";
import { PLAN_AGREEMENT_VERSION, PLAN_AGREEMENT_VERSIONS } from "@/lib/plans/agreement";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { chargeDueInstallments, sendPlanReminders } from "@/lib/plans/run-plans";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import type { TPlanActor } from "@/lib/plans/access";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.60");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);

describe("payment plans", () => {
  let gateway: TFakeGateway;
  let clock: ReturnType<typeof fixedClock>;
  let pat: Extract<TPlanActor, { kind: "patient" }>;
  let methodId: string;
  let gatewayMethodId: string;
  const ids: Record<string, string> = {};

  const form = (overrides: Record<string, unknown> = {}) =>
    ZCreatePlanInput.parse({
      statementIds: [ids["ST-1002"]],
      downPayment: "90.00",
      sizeBy: "count",
      installmentCount: "4",
      frequency: "MONTHLY",
      dayOfMonth: "15",
      startDate: "2026-03-15",
      paymentMethodId: methodId,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      idempotencyKey: randomUUID(),
      ...overrides,
    });
  const create = (overrides: Record<string, unknown> = {}) =>
    createPlan({ owner: pat, input: form(overrides), context, gateway });
  const installments = (planId: string) =>
    database.db.installment.findMany({ where: { planId }, orderBy: { sequence: "asc" } });
  const runAt = (iso: string) => {
    clock.set(nyTime(iso));
    return chargeDueInstallments({ now: clock.now(), gateway });
  };
  const balance = async (number: string) =>
    (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: number } })).balanceCents;
  const mailTo = (subject: string) =>
    database.db.outboxEmail.count({ where: { to: DEMO.patient.email, subject: { contains: subject } } });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    clock = fixedClock(nyTime("2026-03-10T10:00:00"));
    setClockForTests(clock);
    await database.db.installment.deleteMany();
    await database.db.paymentPlan.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.outboxEmail.deleteMany();
    await database.db.paymentMethod.deleteMany();
    await database.db.statement.update({
      where: { statementNumber: "ST-1002" },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
    await database.db.statement.update({
      where: { statementNumber: "ST-1001" },
      data: { balanceCents: 12540, status: "OPEN" },
    }); // $125.40
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    gatewayMethodId = stored.id;
    methodId = (
      await database.db.paymentMethod.create({
        data: {
          userId: pat.userId,
          kind: "CARD",
          gatewayToken: stored.id,
          brand: "visa",
          last4: "4242",
          expMonth: 12,
          expYear: 2030,
          isDefault: true,
        },
      })
    ).id;
  });

  afterAll(() => setClockForTests(undefined));

  it("creates a plan with a down payment charged today, the schedule and the agreement stored", async () => {
    const { planId, downPayment } = await create();
    expect(downPayment?.status).toBe("CAPTURED");
    const plan = await database.db.paymentPlan.findUniqueOrThrow({
      where: { id: planId },
      include: { statements: true },
    });
    expect(plan).toMatchObject({
      status: "ACTIVE",
      totalCents: 89000,
      downPaymentCents: 9000,
      installmentCount: 4,
      installmentCents: 20000,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      agreedIp: "203.0.113.60",
      agreedVia: "ONLINE",
      createdByUserId: pat.userId,
      downPaymentId: downPayment!.paymentId,
    });
    expect(plan.agreementText).toContain("Down payment: $90.00, charged today.");
    expect(plan.statements.map((s) => s.statementId)).toEqual([ids["ST-1002"]]);
    expect((await installments(planId)).map((i) => [toIsoDay(i.dueDate), i.amountCents])).toEqual([
      ["2026-03-15", 20000],
      ["2026-04-15", 20000],
      ["2026-05-15", 20000],
      ["2026-06-15", 20000],
    ]);
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: downPayment!.paymentId } });
    expect(payment).toMatchObject({
      channel: "PLAN",
      amountCents: 9000,
      idempotencyKey: `plan:${planId}:down`,
    });
    expect(await balance("ST-1002")).toBe(80000);
    expect(gateway.chargeCount()).toBe(1);
  });

  it("stores the agreement in the language of the version the patient read, and refuses an unknown version", async () => {
    await expect(create({ agreementVersion: "plan-agreement-v0" })).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: "The plan agreement has changed. Please read it again and accept it.",
    });
    const { planId } = await create({ agreementVersion: PLAN_AGREEMENT_VERSIONS.es });
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan.agreementVersion).toBe("plan-agreement-v1-es");
    expect(plan.agreementText).toMatch(/^Acuerdo de plan de pagos con /);
    expect(plan.agreementText).toContain("Pago inicial: $90.00, que se cobra hoy.");
    expect(plan.agreementText).toContain("Cuotas: 4 pagos de $200.00, cada mes el día 15");
  });

  it("a double submit is one plan and one down payment", async () => {
    const input = form();
    const [a, b] = [
      await createPlan({ owner: pat, input, context, gateway }),
      await createPlan({ owner: pat, input, context, gateway }),
    ];
    expect(b.planId).toBe(a.planId);
    expect(gateway.chargeCount()).toBe(1);
    expect(await database.db.paymentPlan.count()).toBe(1);
  });

  it("a declined down payment creates no plan, and says so", async () => {
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_insufficient_funds";
    await expect(create()).rejects.toMatchObject({
      code: "CARD_DECLINED",
      userMessage: expect.stringContaining("no plan was created"),
    });
    expect(await database.db.paymentPlan.count()).toBe(0);
    expect(await balance("ST-1002")).toBe(89000);
  });

  it("recomputes from the server's balances and refuses a statement already in an active plan", async () => {
    // Terms the policy refuses come back on their field.
    await expect(create({ installmentCount: "40" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { installmentCount: [expect.stringContaining("at least $25.00")] },
    });
    await create({ downPayment: "" });
    await expect(create({ downPayment: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: "Statement ST-1002 is already in a payment plan.",
    });
    // Another patient's statement is not found, the same as a missing one.
    await expect(create({ statementIds: [ids["ST-2001"]] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("charges an installment on its day in the practice's zone, not before, and once", async () => {
    const { planId } = await create();
    await expect(runAt("2026-03-14T23:30:00")).resolves.toMatchObject({ PAID: 0 }); // 03:30 UTC on the 15th
    await expect(runAt("2026-03-15T00:30:00")).resolves.toMatchObject({ PAID: 1 });
    await expect(runAt("2026-03-15T18:00:00")).resolves.toMatchObject({ PAID: 0 });
    const [first, second] = await installments(planId);
    expect(first).toMatchObject({ status: "PAID", attempts: 1, claimedUntil: null });
    expect(second?.status).toBe("SCHEDULED");
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: first!.paymentId! } });
    expect(payment).toMatchObject({ channel: "PLAN", status: "CAPTURED", amountCents: 20000 });
    expect(payment.idempotencyKey).toBe(`plan:${first!.id}:1`);
    expect(payment.receiptEmailDueAt).toBeInstanceOf(Date); // the receipt sender emails it
    expect(gateway.chargeCount()).toBe(2); // down payment + the first installment
    expect(await balance("ST-1002")).toBe(60000);

    // The rest, one on each day; the plan completes.
    for (const d of ["2026-04-15", "2026-05-15", "2026-06-15"]) await runAt(`${d}T08:00:00`);
    expect((await installments(planId)).every((i) => i.status === "PAID")).toBe(true);
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "COMPLETED",
    );
    expect(await balance("ST-1002")).toBe(0);
  });

  it("retries a declined installment after 3 and 7 days, emailing each time, then defaults", async () => {
    const { planId } = await create({ downPayment: "" });
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_insufficient_funds";
    await expect(runAt("2026-03-15T08:00:00")).resolves.toMatchObject({ FAILED: 1 });
    let [first] = await installments(planId);
    expect(first).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(toIsoDay(first!.nextAttemptOn!)).toBe("2026-03-18");
    expect(await mailTo("was declined")).toBe(1);

    await expect(runAt("2026-03-17T08:00:00")).resolves.toMatchObject({ FAILED: 0 });
    await expect(runAt("2026-03-18T08:00:00")).resolves.toMatchObject({ FAILED: 1 });
    [first] = await installments(planId);
    expect(toIsoDay(first!.nextAttemptOn!)).toBe("2026-03-22");
    expect(await mailTo("was declined")).toBe(2);

    await expect(runAt("2026-03-22T08:00:00")).resolves.toMatchObject({ DEFAULTED: 1 });
    [first] = await installments(planId);
    expect(first).toMatchObject({ status: "FAILED", attempts: 3, nextAttemptOn: null });
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan.status).toBe("DEFAULTED");
    expect(plan.defaultedAt).toBeInstanceOf(Date);
    expect(await mailTo("in default")).toBe(1);
    expect(await database.db.payment.count({ where: { status: "DECLINED" } })).toBe(3);
    // A defaulted plan is not charged again.
    await expect(runAt("2026-04-15T08:00:00")).resolves.toMatchObject({ PAID: 0, FAILED: 0 });
    expect(await balance("ST-1002")).toBe(89000);
  });

  it("a retry after a decline charges with the new method once it is changed", async () => {
    const { planId } = await create({ downPayment: "" });
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_generic";
    await runAt("2026-03-15T08:00:00");
    const other = await gateway.storePaymentMethod({
      token: "tok_ok_mastercard_4444",
      idempotencyKey: randomUUID(),
    });
    const row = await database.db.paymentMethod.create({
      data: {
        userId: pat.userId,
        kind: "CARD",
        gatewayToken: other.id,
        brand: "mastercard",
        last4: "4444",
        expMonth: 1,
        expYear: 2031,
      },
    });
    await changePlanMethod({ actor: pat, planId, paymentMethodId: row.id, context });
    await expect(runAt("2026-03-18T08:00:00")).resolves.toMatchObject({ PAID: 1 });
    const [first] = await installments(planId);
    expect(first).toMatchObject({ status: "PAID", attempts: 2 });
  });

  it("an installment whose answer is lost is looked at once a run, never charged twice, and paid once reconciliation hears", async () => {
    const { planId } = await create({ downPayment: "" });
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_timeout"; // approves, the answer is lost
    // The run ends (before, it claimed the installment again and again until the answer came).
    await expect(runAt("2026-03-15T08:00:00")).resolves.toMatchObject({ PENDING: 1, PAID: 0, errors: 0 });
    await expect(runAt("2026-03-15T08:05:00")).resolves.toMatchObject({ PENDING: 0 }); // held by its lease
    await expect(runAt("2026-03-15T09:00:00")).resolves.toMatchObject({ PENDING: 1, errors: 0 });
    expect(gateway.chargeCount()).toBe(1);
    const [first] = await installments(planId);
    expect(first).toMatchObject({ status: "SCHEDULED", attempts: 0 });
    await reconcilePayment({ paymentId: first!.paymentId!, gateway });
    await expect(runAt("2026-03-15T10:00:00")).resolves.toMatchObject({ PAID: 1, PENDING: 0 });
    expect(gateway.chargeCount()).toBe(1);
    expect((await installments(planId))[0]).toMatchObject({
      status: "PAID",
      attempts: 1,
      paymentId: first!.paymentId,
      claimedUntil: null,
    });
  });

  it("sends each reminder once, 3 days before its charge", async () => {
    await create({ downPayment: "" });
    clock.set(nyTime("2026-03-11T09:00:00"));
    await expect(sendPlanReminders({ now: clock.now() })).resolves.toEqual({ reminded: 0 }); // 4 days ahead
    clock.set(nyTime("2026-03-12T09:00:00"));
    await expect(sendPlanReminders({ now: clock.now() })).resolves.toEqual({ reminded: 1 });
    await expect(sendPlanReminders({ now: clock.now() })).resolves.toEqual({ reminded: 0 });
    clock.set(nyTime("2026-03-13T09:00:00"));
    await expect(sendPlanReminders({ now: clock.now() })).resolves.toEqual({ reminded: 0 });
    expect(await mailTo("will be charged on Mar 15, 2026")).toBe(1);
  });

  it("sends the reminders of several plans in batches, each once", async () => {
    await create({ downPayment: "" });
    await create({ statementIds: [ids["ST-1001"]], installmentCount: "2", downPayment: "" });
    clock.set(nyTime("2026-03-12T09:00:00"));
    await expect(sendPlanReminders({ now: clock.now(), batchSize: 1 })).resolves.toEqual({ reminded: 2 });
    await expect(sendPlanReminders({ now: clock.now(), batchSize: 1 })).resolves.toEqual({ reminded: 0 });
    expect(await mailTo("will be charged on Mar 15, 2026")).toBe(2);
  });

  it("an extra payment is charged now and shortens the plan from the end", async () => {
    const { planId } = await create({ downPayment: "" }); // 4 × $222.50
    await payPlanExtra({
      actor: pat,
      planId,
      amountCents: 30000, // $300.00 = $222.50 + $77.50
      idempotencyKey: randomUUID(),
      context,
      gateway,
    });
    expect((await installments(planId)).map((i) => [i.status, i.amountCents])).toEqual([
      ["SCHEDULED", 22250],
      ["SCHEDULED", 22250],
      ["SCHEDULED", 14500],
      ["CANCELLED", 22250],
    ]);
    expect(await balance("ST-1002")).toBe(59000);
    // More than is left is refused.
    await expect(
      payPlanExtra({
        actor: pat,
        planId,
        amountCents: 60000,
        idempotencyKey: randomUUID(),
        context,
        gateway,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("skips one upcoming installment where the policy allows, and only one", async () => {
    const { planId } = await create({ downPayment: "" });
    await skipPlanInstallment({ actor: pat, planId, sequence: 2, context });
    expect((await installments(planId)).map((i) => [i.sequence, i.status, toIsoDay(i.dueDate)])).toEqual([
      [1, "SCHEDULED", "2026-03-15"],
      [2, "SKIPPED", "2026-04-15"],
      [3, "SCHEDULED", "2026-05-15"],
      [4, "SCHEDULED", "2026-06-15"],
      [5, "SCHEDULED", "2026-07-15"],
    ]);
    await expect(skipPlanInstallment({ actor: pat, planId, sequence: 3, context })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    // The skipped one is not charged on its day.
    await runAt("2026-04-15T08:00:00");
    expect((await installments(planId)).find((i) => i.sequence === 2)?.status).toBe("SKIPPED");
  });

  it("cancels: nothing more is charged, the balance stays owed", async () => {
    const { planId } = await create({ downPayment: "" });
    await cancelPlan({ actor: pat, planId, context });
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "CANCELLED",
    );
    expect((await installments(planId)).every((i) => i.status === "CANCELLED")).toBe(true);
    await expect(runAt("2026-03-15T08:00:00")).resolves.toMatchObject({ PAID: 0 });
    expect(gateway.chargeCount()).toBe(0);
    expect(await balance("ST-1002")).toBe(89000);
    // A new plan may then take the statement.
    await expect(create({ downPayment: "" })).resolves.toMatchObject({ planId: expect.any(String) });
  });

  it("tells the practice's system of each change once: created, updated, completed and defaulted", async () => {
    const planEvents = async (planId: string) =>
      (
        await database.db.integrationEvent.findMany({
          where: { planId, type: { startsWith: "plan." } },
          orderBy: { seq: "asc" },
        })
      ).map(
        (e) =>
          JSON.parse(e.body) as { type: string; data: { change?: string; plan: Record<string, unknown> } },
      );

    const { planId } = await create({ downPayment: "" }); // 4 × $222.50
    await skipPlanInstallment({ actor: pat, planId, sequence: 2, context });
    await changePlanMethod({ actor: pat, planId, paymentMethodId: methodId, context });
    const extraKey = randomUUID();
    const extra = { actor: pat, planId, amountCents: 89000, idempotencyKey: extraKey, context, gateway }; // $890.00
    await payPlanExtra(extra);
    // A double submit: the plan is complete by then, so it is refused and tells nothing more.
    await expect(payPlanExtra(extra)).rejects.toMatchObject({ code: "VALIDATION" });
    const events = await planEvents(planId);
    expect(events.map((e) => [e.type, e.data.change])).toEqual([
      ["plan.created", undefined],
      ["plan.updated", "installment_skipped"],
      ["plan.updated", "method_changed"],
      ["plan.completed", undefined],
    ]);
    expect(events[0]!.data.plan).toMatchObject({
      id: planId,
      status: "active",
      account_number: "A-1001",
      statement_numbers: ["ST-1002"],
      total_cents: 89000, // $890.00
      installment_count: 4,
      method: { kind: "card", brand: "visa", last4: "4242" },
    });
    expect(events[3]!.data.plan).toMatchObject({ status: "completed" });

    // A plan whose installment is declined to the end defaults, once.
    await database.db.statement.update({
      where: { statementNumber: "ST-1002" },
      data: { balanceCents: 89000 },
    });
    const defaulting = (await create({ downPayment: "" })).planId;
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_insufficient_funds";
    for (const day of ["2026-03-15", "2026-03-18", "2026-03-22", "2026-03-23"])
      await runAt(`${day}T08:00:00`);
    expect((await planEvents(defaulting)).map((e) => e.type)).toEqual(["plan.created", "plan.defaulted"]);
  });

  it("another patient's plan is not found, for every action", async () => {
    const { planId } = await create({ downPayment: "" });
    const stranger: TPlanActor = { kind: "patient", userId: "someone-else", email: "x@example.com" };
    for (const attempt of [
      () => cancelPlan({ actor: stranger, planId, context }),
      () => skipPlanInstallment({ actor: stranger, planId, sequence: 2, context }),
      () => changePlanMethod({ actor: stranger, planId, paymentMethodId: methodId, context }),
      () =>
        payPlanExtra({
          actor: stranger,
          planId,
          amountCents: 1000,
          idempotencyKey: randomUUID(),
          context,
          gateway,
        }),
      () => cancelPlan({ actor: pat, planId: "no-such-plan", context }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "ACTIVE",
    );
  });

  it("new balances on the account never join the plan", async () => {
    const { planId } = await create({ downPayment: "" });
    for (const d of ["2026-03-15", "2026-04-15", "2026-05-15", "2026-06-15", "2026-07-15"])
      await runAt(`${d}T08:00:00`);
    expect(await balance("ST-1001")).toBe(12540); // same account, not in the plan
    expect(await balance("ST-1002")).toBe(0);
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "COMPLETED",
    );
  });
});
