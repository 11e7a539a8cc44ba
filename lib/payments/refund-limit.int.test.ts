import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { voidPayment } from "@/lib/payments/void-payment";
import { getLargeRefundThreshold, updateLargeRefundThreshold } from "@/lib/payments/refund-threshold";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");

describe("the large-refund threshold", () => {
  let gateway: TFakeGateway;
  let practiceId: string;
  let payer: TPayer;
  const people: Record<"manager" | "clerk" | "auditor" | "admin", TStaffActor> = {} as never;
  let statementId: string;

  const actorOf = async (email: string): Promise<TStaffActor> => {
    const u = await database.db.user.findUniqueOrThrow({ where: { email } });
    return { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}`, practiceId };
  };

  /** A settled card payment of `cents` on ST-1002 ($890.00 due). */
  const settled = async (cents: number) => {
    const result = await payBill({
      payer,
      input: {
        allocations: [{ statementId, amount: cents as Cents }],
        token: "tok_ok_visa_1111",
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });
    expect(result.status).toBe("CAPTURED");
    gateway.settleAll();
    return result.paymentId;
  };

  const refund = (actor: TStaffActor, paymentId: string, amountCents: number) =>
    refundPayment({ actor, paymentId, amountCents, reason: "Billing error", context, gateway });

  const refundAudits = (paymentId: string) =>
    database.db.auditLog.findMany({
      where: { targetType: "Payment", targetId: paymentId, action: "payment.refund" },
      orderBy: { createdAt: "asc" },
    });

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    people.manager = await actorOf(DEMO.staff.email);
    people.clerk = await actorOf(DEMO.clerk.email);
    people.auditor = await actorOf(DEMO.auditor.email);
    people.admin = await actorOf(DEMO.admin.email);
    const patient = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    payer = { kind: "patient", userId: patient.id, email: patient.email };
    statementId = (
      await database.db.statement.findUniqueOrThrow({
        where: { statementNumber: DEMO.secondStatement.statementNumber },
      })
    ).id;
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    await database.db.refund.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.statement.update({
      where: { id: statementId },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
    await database.db.practice.update({
      where: { id: practiceId },
      data: { largeRefundThresholdCents: 50000 },
    }); // $500.00
  });

  it("is $500.00 for a new practice", async () => {
    const other = await database.db.practice.create({ data: { name: "New", clientId: `N-${randomUUID()}` } });
    expect(await getLargeRefundThreshold(other.id)).toBe(50000);
  });

  it("lets a clerk refund exactly the threshold", async () => {
    const id = await settled(60000); // $600.00
    expect(await refund(people.clerk, id, 50000)).toMatchObject({ status: "SUCCEEDED", amountCents: 50000 });
  });

  it("refuses a clerk one cent above it, says why, records it, and sends nothing to the gateway", async () => {
    const id = await settled(60000); // $600.00
    await expect(refund(people.clerk, id, 50001)).rejects.toMatchObject({
      code: "OVER_REFUND_LIMIT",
      userMessage:
        "You can refund up to $500.00 at a time. A larger refund needs a billing manager or an administrator. Nothing was refunded.",
    });
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id },
      include: { refunds: true },
    });
    expect(payment.refundedCents).toBe(0);
    expect(payment.refunds).toHaveLength(0);
    expect((await gateway.getPayment(payment.gatewayTransactionId!)).refundedCents).toBe(0);
    const rows = await refundAudits(id);
    expect(rows.map((r) => [r.outcome, r.actorUserId, r.actorRole])).toEqual([
      ["DENIED", people.clerk.userId, "BILLING_CLERK"],
    ]);
    expect(rows[0]!.metadata).toEqual({
      permission: "payments.refund.large",
      amountCents: 50001,
      thresholdCents: 50000,
    });
  });

  it("lets a billing manager and an admin refund above it", async () => {
    for (const who of [people.manager, people.admin]) {
      const id = await settled(60000); // $600.00
      expect(await refund(who, id, 60000)).toMatchObject({ status: "SUCCEEDED", paymentStatus: "REFUNDED" });
    }
  });

  it("refuses an auditor any refund, however small, and any void", async () => {
    const id = await settled(1000); // $10.00
    await expect(refund(people.auditor, id, 100)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await refundAudits(id)).map((r) => r.outcome)).toEqual(["DENIED"]);
    await expect(
      voidPayment({ actor: people.auditor, paymentId: id, reason: "Auditing", context, gateway }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const payment = await database.db.payment.findUniqueOrThrow({
      where: { id },
      include: { refunds: true },
    });
    expect(payment.refunds).toHaveLength(0);
    expect(payment.voidedAt).toBeNull();
  });

  it("follows the practice's own threshold once an admin changes it, audited", async () => {
    await updateLargeRefundThreshold({ actor: people.admin, thresholdCents: 10000, context }); // $100.00
    expect(await getLargeRefundThreshold(practiceId)).toBe(10000);
    const id = await settled(20000); // $200.00
    await expect(refund(people.clerk, id, 10001)).rejects.toMatchObject({
      code: "OVER_REFUND_LIMIT",
      userMessage: expect.stringContaining("up to $100.00"),
    });
    expect(await refund(people.clerk, id, 10000)).toMatchObject({ status: "SUCCEEDED" });
    const changes = await database.db.auditLog.findMany({
      where: { action: "practice.refund_threshold", targetId: practiceId, outcome: "SUCCESS" },
    });
    expect(changes.map((c) => c.metadata)).toContainEqual({ fromCents: 50000, toCents: 10000 });
  });

  it("may be changed only with settings.manage, and only to whole cents from $0.00 to $1,000,000.00", async () => {
    for (const who of [people.manager, people.clerk, people.auditor]) {
      await expect(
        updateLargeRefundThreshold({ actor: who, thresholdCents: 1, context }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const bad of [-1, 1.5, 100_000_001]) {
      await expect(
        updateLargeRefundThreshold({ actor: people.admin, thresholdCents: bad, context }),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await getLargeRefundThreshold(practiceId)).toBe(50000);
    const denied = await database.db.auditLog.count({
      where: { action: "practice.refund_threshold", outcome: "DENIED" },
    });
    expect(denied).toBe(3);
  });
});
