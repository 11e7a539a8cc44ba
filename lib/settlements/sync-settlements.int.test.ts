import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { API_KEY, startTestGateway, tokenizeCard, type TTestGateway } from "@/gateway/test/harness";
import type { TActor, TStaffActor } from "@/lib/auth/session";
import { createHttpGateway } from "@/lib/gateway/client";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { TGateway } from "@/lib/gateway/interface";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { syncSettlements } from "@/lib/settlements/sync-settlements";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { log } from "@/lib/log";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.71");

let staff: TStaffActor;
let payer: TPayer;
let statementId: string;

beforeAll(async () => {
  const actorOf = async (email: string): Promise<TActor> => {
    const u = await database.db.user.findUniqueOrThrow({ where: { email } });
    return { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}` };
  };
  staff = {
    ...(await actorOf(DEMO.staff.email)),
    practiceId: (await database.db.practice.findFirstOrThrow()).id,
  };
  const patient = await actorOf(DEMO.patient.email);
  payer = { kind: "patient", userId: patient.userId, email: patient.email };
  statementId = (
    await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-1002" },
      select: { id: true },
    })
  ).id;
});

beforeEach(async () => {
  await database.db.settlementBatchItem.deleteMany();
  await database.db.settlementBatch.deleteMany();
});

const pay = async (gateway: TGateway, cents: number, token = "tok_ok_visa_1111") => {
  const result = await payBill({
    payer,
    input: {
      allocations: [{ statementId, amount: cents as Cents }],
      token,
      methodKind: "CARD",
      idempotencyKey: randomUUID(),
    },
    context,
    gateway,
  });
  expect(result.status).toBe("CAPTURED");
  return database.db.payment.findUniqueOrThrow({
    where: { id: result.paymentId },
    select: { id: true, gatewayTransactionId: true },
  });
};

const refund = async (gateway: TGateway, paymentId: string, cents: number) => {
  await refundPayment({
    actor: staff,
    paymentId,
    amountCents: cents,
    reason: "Billing error",
    context,
    gateway,
  });
  return database.db.refund.findFirstOrThrow({
    where: { paymentId, kind: "REFUND" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
};

const storedBatches = () =>
  database.db.settlementBatch.findMany({
    orderBy: { settledAt: "asc" },
    include: {
      items: {
        orderBy: { kind: "asc" },
        select: { paymentId: true, refundId: true, kind: true, amountCents: true },
      },
    },
  });

describe("gateway.sync-settlements with the fake gateway", () => {
  let gateway: TFakeGateway;
  beforeEach(() => {
    gateway = createFakeGateway({ now: () => new Date("2026-06-05T22:00:00Z") }); // a Friday
  });

  it("stores each batch once, with its sales and refunds mapped to our payments and refunds", async () => {
    const a = await pay(gateway, 3000); // $30.00
    const b = await pay(gateway, 2000); // $20.00
    const first = gateway.settleAll();
    const ours = await refund(gateway, a.id, 500); // $5.00
    const second = gateway.settleAll();

    expect(await syncSettlements({ gateway })).toEqual({ stored: 2, known: 0, skipped: 0, unknownItems: 0 });
    const practice = await database.db.practice.findUniqueOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    expect(await storedBatches()).toEqual([
      expect.objectContaining({
        practiceId: practice.id,
        gatewayBatchId: first?.id,
        traceNumber: first?.traceNumber,
        effectiveDate: new Date("2026-06-08T00:00:00Z"), // Friday's batch, effective Monday
        settledAt: new Date("2026-06-05T22:00:00Z"),
        itemCount: 2,
        totalCents: 5000,
        returnsCents: 0,
        items: expect.arrayContaining([
          { paymentId: a.id, refundId: null, kind: "SALE", amountCents: 3000 },
          { paymentId: b.id, refundId: null, kind: "SALE", amountCents: 2000 },
        ]),
      }),
      expect.objectContaining({
        gatewayBatchId: second?.id,
        itemCount: 1,
        totalCents: -500,
        items: [{ paymentId: a.id, refundId: ours.id, kind: "REFUND", amountCents: 500 }],
      }),
    ]);

    // Again, and two at once: nothing new, nothing twice.
    expect(await syncSettlements({ gateway })).toMatchObject({ stored: 0, known: 2 });
    const c = await pay(gateway, 1000); // $10.00
    gateway.settleAll();
    const runs = await Promise.all([syncSettlements({ gateway }), syncSettlements({ gateway })]);
    expect(runs.map((r) => r.stored).sort()).toEqual([0, 1]);
    const batches = await storedBatches();
    expect(batches).toHaveLength(3);
    expect(batches[2]?.items).toEqual([{ paymentId: c.id, refundId: null, kind: "SALE", amountCents: 1000 }]);
  });

  it("logs the transactions it does not know and skips a batch none of whose payments is ours", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    try {
      const a = await pay(gateway, 4000); // $40.00
      const batch = gateway.settleAll();
      // A sale of a payment the portal never made, and a chargeback of ours, in the same deposit.
      batch!.transactions.push(
        { id: "sbi_x1", kind: "sale", paymentId: "pay_elsewhere", refundId: null, amountCents: 999 },
        {
          id: "sbi_x2",
          kind: "chargeback",
          paymentId: a.gatewayTransactionId!,
          refundId: null,
          amountCents: 4000,
        },
      );
      gateway.settlementBatches[0] = {
        ...batch!,
        itemCount: 3,
        chargebacks: { count: 1, amountCents: 4000 },
      };
      gateway.settlementBatches.push({
        ...batch!,
        id: "sb_foreign",
        transactions: [
          { id: "sbi_x3", kind: "sale", paymentId: "pay_foreign", refundId: null, amountCents: 100 },
        ],
      });

      expect(await syncSettlements({ gateway })).toEqual({
        stored: 1,
        known: 0,
        skipped: 1,
        unknownItems: 1,
      });
      const [stored, ...rest] = await storedBatches();
      expect(rest).toEqual([]);
      expect(stored).toMatchObject({ gatewayBatchId: batch?.id, itemCount: 3 });
      expect(stored?.items).toEqual([
        { paymentId: a.id, refundId: null, kind: "SALE", amountCents: 4000 },
        { paymentId: a.id, refundId: null, kind: "CHARGEBACK", amountCents: 4000 },
      ]);
      const logged = warn.mock.calls.map((c) => String(c[0]));
      expect(logged.some((l) => l.includes("pay_elsewhere"))).toBe(true);
      expect(logged.some((l) => l.includes("sb_foreign") && l.includes("none of its payments is ours"))).toBe(
        true,
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("gateway.sync-settlements against the sandbox gateway over HTTP", () => {
  let gw: TTestGateway;
  let gateway: TGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    gateway = createHttpGateway({ baseUrl: gw.url, apiKey: API_KEY, timeoutMs: 5_000 });
  });
  afterAll(() => gw?.close());

  it("stores the sandbox's batch with its trace number, effective date and our payment", async () => {
    const payment = await pay(gateway, 1500, await tokenizeCard(gw, "4111 1111 1111 1111")); // $15.00
    const settled = await gw.api.post<{ batch_id: string }>("/v1/settlements", {});
    expect(await syncSettlements({ gateway })).toMatchObject({ stored: 1, skipped: 0, unknownItems: 0 });
    const [batch] = await storedBatches();
    expect(batch).toMatchObject({
      gatewayBatchId: settled.body.batch_id,
      traceNumber: expect.stringMatching(/^\d{15}$/),
      effectiveDate: new Date("2026-06-02T00:00:00Z"), // settled Monday 1 June 2026
      totalCents: 1500,
      items: [{ paymentId: payment.id, refundId: null, kind: "SALE", amountCents: 1500 }],
    });
  });
});
