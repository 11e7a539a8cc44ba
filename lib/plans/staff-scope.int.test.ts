import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actingStaff } from "@/lib/audit/actor";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { getPlanDetail, listPlansForAccount } from "@/lib/plans/queries";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.62");

/**
 * Staff of another practice are strangers to the demo practice's payment plans: reading one is
 * NOT_FOUND, the account lists none, and changing its method, paying extra, skipping an
 * installment or cancelling it is NOT_FOUND and changes nothing (the plan, its installments,
 * payments, the gateway's charges, the audit log).
 */
describe("staff of another practice and the demo practice's payment plans", () => {
  let gateway: TFakeGateway;
  let other: TOtherPractice;
  let planId: string;
  let accountId: string;
  let methodId: string;
  let demoPracticeId: string;

  const snapshot = async () => ({
    plans: await database.db.paymentPlan.findMany({
      orderBy: { id: "asc" },
      include: { installments: { orderBy: { sequence: "asc" } } },
    }),
    payments: await database.db.payment.count(),
    statements: await database.db.statement.findMany({
      orderBy: { id: "asc" },
      select: { id: true, balanceCents: true, status: true },
    }),
    audit: await database.db.auditLog.count(),
  });

  beforeAll(async () => {
    gateway = createFakeGateway();
    setClockForTests(fixedClock(new Date("2026-03-10T10:00:00-04:00")));
    other = await makeOtherPractice(database.db);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    methodId = (
      await database.db.paymentMethod.create({
        data: {
          userId: user.id,
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
    const statement = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: DEMO.secondStatement.statementNumber },
      include: { account: true },
    });
    accountId = statement.accountId;
    demoPracticeId = statement.account.practiceId;
    const created = await createPlan({
      owner: { userId: user.id, email: user.email },
      input: ZCreatePlanInput.parse({
        statementIds: [statement.id],
        downPayment: "90.00",
        sizeBy: "count",
        installmentCount: "4",
        frequency: "MONTHLY",
        dayOfMonth: "15",
        startDate: "2026-03-15",
        paymentMethodId: methodId,
        agreementVersion: PLAN_AGREEMENT_VERSION,
        idempotencyKey: randomUUID(),
      }),
      context,
      gateway,
    });
    planId = created.planId;
  });

  afterAll(() => setClockForTests(undefined));

  it("the demo practice's own staff see the plan (so the refusals below are about the practice)", async () => {
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const acting = actingStaff({ ...staff, userId: staff.id, practiceId: demoPracticeId });
    expect((await getPlanDetail(acting, planId)).id).toBe(planId);
    expect((await listPlansForAccount({ practiceId: demoPracticeId, accountId })).map((p) => p.id)).toEqual([
      planId,
    ]);
  });

  it("reads: the plan is NOT_FOUND, as a missing one, and the account lists no plan", async () => {
    for (const actor of other.acting) {
      for (const id of [planId, "missing"]) {
        await expect(getPlanDetail(actor, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }
    expect(await listPlansForAccount({ practiceId: other.practiceId, accountId })).toEqual([]);
  });

  it("changes by the other practice's staff or admin are NOT_FOUND and change nothing", async () => {
    const before = await snapshot();
    const chargesBefore = gateway.chargeCount();
    for (const actor of other.acting) {
      const attempts = [
        () => changePlanMethod({ actor, planId, paymentMethodId: methodId, context }),
        () =>
          payPlanExtra({ actor, planId, amountCents: 5000, idempotencyKey: randomUUID(), context, gateway }), // $50.00
        () => skipPlanInstallment({ actor, planId, sequence: 2, context }),
        () => cancelPlan({ actor, planId, context }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await snapshot()).toEqual(before);
    expect(gateway.chargeCount()).toBe(chargesBefore);
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "ACTIVE",
    );
  });
});
