import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway } from "@/lib/gateway/fake";
import { setGatewayForTests } from "@/lib/gateway";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { createPlan } from "@/lib/plans/create-plan";
import { chargeDueInstallments } from "@/lib/plans/run-plans";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { runOnTwoWorkers } from "@/lib/test/two-workers";

const database = setupTestDatabase({ seed: true });
let stopWorkers: (() => Promise<void>) | undefined;
const gateway = createFakeGateway();

afterAll(async () => {
  await stopWorkers?.();
  setGatewayForTests(undefined);
  setClockForTests(undefined);
});

// Two worker processes (each its own pg-boss and pool) run the daily charge at the same time.
it("two workers on one database charge every due installment exactly once", { timeout: 60_000 }, async () => {
  setGatewayForTests(gateway);
  const clock = fixedClock(new Date("2026-03-10T14:00:00Z"));
  setClockForTests(clock);
  const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
  const stored = await gateway.storePaymentMethod({
    token: "tok_ok_visa_4242",
    idempotencyKey: randomUUID(),
  });
  const method = await database.db.paymentMethod.create({
    data: {
      userId: user.id,
      kind: "CARD",
      gatewayToken: stored.id,
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
    },
  });
  const statements = await database.db.statement.findMany({
    where: { statementNumber: { in: ["ST-1001", "ST-1002"] } },
  });
  for (const [s, count] of [
    [statements.find((x) => x.statementNumber === "ST-1002")!, 30], // 30 × $29.66…
    [statements.find((x) => x.statementNumber === "ST-1001")!, 5],
  ] as const) {
    await createPlan({
      owner: { userId: user.id, email: user.email },
      input: ZCreatePlanInput.parse({
        statementIds: [s.id],
        sizeBy: "count",
        installmentCount: String(count),
        frequency: "WEEKLY",
        startDate: "2026-03-11",
        paymentMethodId: method.id,
        agreementVersion: PLAN_AGREEMENT_VERSION,
        idempotencyKey: randomUUID(),
      }),
      context: requestFrom("203.0.113.61"),
      gateway,
    });
  }
  // Every installment falls due on the same day (as after a long outage).
  await database.db.installment.updateMany({ data: { dueDate: new Date("2026-03-11T00:00:00Z") } });
  clock.set(new Date("2026-03-11T14:00:00Z"));

  const run = await runOnTwoWorkers({
    database,
    name: "test.plans-charge",
    handler: () => chargeDueInstallments({ batchSize: 3 }),
  });
  stopWorkers = run.stop;
  expect(run.finished).toBe(8);

  const installments = await database.db.installment.findMany();
  expect(installments).toHaveLength(35);
  expect(installments.every((i) => i.status === "PAID" && i.attempts === 1)).toBe(true);
  expect(gateway.chargeCount()).toBe(35);
  expect(await database.db.payment.count({ where: { channel: "PLAN" } })).toBe(35);
  expect(new Set(installments.map((i) => i.paymentId)).size).toBe(35);
  const left = await database.db.statement.findMany({
    where: { statementNumber: { in: ["ST-1001", "ST-1002"] } },
    select: { balanceCents: true },
  });
  expect(left.map((s) => s.balanceCents)).toEqual([0, 0]);
});
