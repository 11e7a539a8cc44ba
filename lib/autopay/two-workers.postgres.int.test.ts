import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { enrollAutopay } from "@/lib/autopay/enrollment";
import { chargeDueAutopay } from "@/lib/autopay/run-autopay";
import { ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway } from "@/lib/gateway/fake";
import { setGatewayForTests } from "@/lib/gateway";
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

// Two worker processes (each its own pg-boss and pool) run the autopay charge at the same time.
it(
  "two workers on one database charge each due autopay statement exactly once",
  { timeout: 60_000 },
  async () => {
    setGatewayForTests(gateway);
    const clock = fixedClock(new Date("2026-03-10T14:00:00Z"));
    setClockForTests(clock);
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } });
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
    await enrollAutopay({
      owner: { kind: "patient", userId: user.id, email: user.email },
      input: ZEnrollAutopayInput.parse({
        accountId: account.id,
        paymentMethodId: method.id,
        limit: "500",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context: requestFrom("203.0.113.72"),
    });
    // 30 new statements, all due on the same day.
    for (let n = 0; n < 30; n += 1) {
      await database.db.statement.create({
        data: {
          accountId: account.id,
          statementNumber: `ST-AP2-${n}`,
          statementDate: new Date("2026-03-01T00:00:00Z"),
          dueDate: new Date("2026-03-11T00:00:00Z"),
          amountDueCents: 1000 + n,
          balanceCents: 1000 + n,
          patientFirstName: "Pat",
          patientLastName: "Example",
          patientDob: new Date("1980-01-01T00:00:00Z"),
        },
      });
    }
    clock.set(new Date("2026-03-11T14:00:00Z"));

    const run = await runOnTwoWorkers({
      database,
      name: "test.autopay-charge",
      handler: () => chargeDueAutopay({ batchSize: 3 }),
    });
    stopWorkers = run.stop;
    expect(run.finished).toBe(8);

    const charges = await database.db.autopayCharge.findMany();
    expect(charges).toHaveLength(30);
    expect(charges.every((c) => c.status === "PAID")).toBe(true);
    expect(gateway.chargeCount()).toBe(30);
    expect(await database.db.payment.count({ where: { channel: "AUTOPAY" } })).toBe(30);
    const left = await database.db.statement.findMany({
      where: { statementNumber: { startsWith: "ST-AP2-" } },
      select: { balanceCents: true },
    });
    expect(left.every((s) => s.balanceCents === 0)).toBe(true);
  },
);
