import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActor, TStaffActor } from "@/lib/auth/session";
import { GatewayError } from "@/lib/gateway/errors";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { applyGatewayOutcome } from "@/lib/payments/apply-gateway-outcome";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import { getPaymentForStaffOrThrow, listPaymentsForAccount } from "@/lib/payments/staff-queries";
import { voidPayment } from "@/lib/payments/void-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.60");

describe("staff void and refund", () => {
  let gateway: TFakeGateway;
  let staff: TStaffActor;
  let patient: TStaffActor;
  let practiceId: string;
  let payer: TPayer;
  const ids: Record<string, string> = {};

  const balance = async (number: string) =>
    database.db.statement.findUniqueOrThrow({
      where: { statementNumber: number },
      select: { balanceCents: true, status: true },
    });

  /** A captured payment by the demo patient (a card unless said); [statement, cents] pairs in allocation order. */
  const paid = async (allocations: [string, number][], { byBank = false } = {}) => {
    const result = await payBill({
      payer,
      input: {
        allocations: allocations.map(([number, cents]) => ({
          statementId: ids[number]!,
          amount: cents as Cents,
        })),
        token: byBank ? "tok_ach_checking_6789" : "tok_ok_visa_1111",
        methodKind: byBank ? "ACH" : "CARD",
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });
    expect(result.status).toBe("CAPTURED");
    return result.paymentId;
  };

  const payment = (paymentId: string) =>
    database.db.payment.findUniqueOrThrow({
      where: { id: paymentId },
      include: { refunds: { orderBy: { createdAt: "asc" } }, events: { orderBy: { createdAt: "asc" } } },
    });

  const atGateway = async (paymentId: string) =>
    gateway.getPayment((await payment(paymentId)).gatewayTransactionId!);

  const audits = (paymentId: string, action: string) =>
    database.db.auditLog.findMany({
      where: { targetType: "Payment", targetId: paymentId, action },
      orderBy: { createdAt: "asc" },
    });

  const refund = (
    paymentId: string,
    amountCents: number,
    extra: { idempotencyKey?: string; gateway?: TFakeGateway } = {},
  ) =>
    refundPayment({
      actor: staff,
      paymentId,
      amountCents,
      reason: "Billing error",
      context,
      gateway: extra.gateway ?? gateway,
      idempotencyKey: extra.idempotencyKey,
    });

  beforeAll(async () => {
    const actorOf = async (email: string): Promise<TActor> => {
      const u = await database.db.user.findUniqueOrThrow({ where: { email } });
      return { userId: u.id, email: u.email, role: u.role, name: `${u.firstName} ${u.lastName}` };
    };
    practiceId = (await database.db.practice.findFirstOrThrow()).id;
    // The patient as if the use case were called with a patient's session: refused by role.
    staff = { ...(await actorOf(DEMO.staff.email)), practiceId };
    patient = { ...(await actorOf(DEMO.patient.email)), practiceId };
    payer = { kind: "patient", userId: patient.userId, email: patient.email };
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
  });

  beforeEach(async () => {
    gateway = createFakeGateway();
    await database.db.refund.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.statement.update({
      where: { statementNumber: "ST-1001" },
      data: { balanceCents: 12540, status: "OPEN" },
    }); // $125.40
    await database.db.statement.update({
      where: { statementNumber: "ST-1002" },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
  });

  describe("void", () => {
    it("before settlement: VOIDED, the balance back, a VOID row, events and an audit row", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      expect(await balance("ST-1001")).toEqual({ balanceCents: 7540, status: "PARTIALLY_PAID" }); // $75.40

      const result = await voidPayment({
        actor: staff,
        paymentId: id,
        reason: "Paid twice by mistake",
        context,
        gateway,
      });
      expect(result).toMatchObject({ status: "SUCCEEDED", paymentStatus: "VOIDED" });

      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
      const p = await payment(id);
      expect(p.status).toBe("VOIDED");
      expect(p.voidedAt).not.toBeNull();
      expect(p.refundedCents).toBe(0);
      expect(p.refunds).toMatchObject([
        {
          id: result.refundId,
          kind: "VOID",
          status: "SUCCEEDED",
          amountCents: 5000,
          reason: "Paid twice by mistake",
        },
      ]);
      expect(p.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(["void.requested", "status.voided", "void.succeeded"]),
      );
      expect((await atGateway(id)).status).toBe("voided");
      const rows = await audits(id, "payment.void");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorUserId: staff.userId, outcome: "SUCCESS", ip: "203.0.113.60" });
      expect(rows[0]!.metadata).toMatchObject({ amountCents: 5000, reason: "Paid twice by mistake" });
    });

    it("a void of a voided payment is ok and changes nothing more", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      const first = await voidPayment({ actor: staff, paymentId: id, reason: "Duplicate", context, gateway });
      const again = await voidPayment({ actor: staff, paymentId: id, reason: "Duplicate", context, gateway });
      expect(again).toEqual({ refundId: first.refundId, status: "SUCCEEDED", paymentStatus: "VOIDED" });
      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
      expect((await payment(id)).refunds).toHaveLength(1);
    });

    it("after settlement is refused with the refund-instead message, and our record catches up", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      await expect(
        voidPayment({ actor: staff, paymentId: id, reason: "Duplicate", context, gateway }),
      ).rejects.toMatchObject({
        code: "NOT_VOIDABLE",
        userMessage: "This payment has settled; refund it instead.",
      });
      const p = await payment(id);
      expect(p.status).toBe("SETTLED");
      expect(p.refunds.map((r) => r.status)).toEqual(["FAILED"]);
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 7540 }); // $75.40
      // Once we know it settled, a void is refused before the gateway is asked.
      await expect(
        voidPayment({ actor: staff, paymentId: id, reason: "Duplicate", context, gateway }),
      ).rejects.toMatchObject({
        code: "NOT_VOIDABLE",
        userMessage: "This payment has settled; refund it instead.",
      });
      expect((await payment(id)).refunds).toHaveLength(1);
    });

    it("a lost answer leaves the void PENDING; voiding again reuses it and restores the balance once", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      const lossy: TFakeGateway = {
        ...gateway,
        voidPayment: async (input) => {
          await gateway.voidPayment(input);
          throw new GatewayError({ code: "INDETERMINATE", isRetryable: false, message: "timed out" });
        },
      };
      const first = await voidPayment({
        actor: staff,
        paymentId: id,
        reason: "Duplicate",
        context,
        gateway: lossy,
      });
      expect(first).toMatchObject({ status: "PENDING", paymentStatus: "CAPTURED" });
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 7540 }); // $75.40
      const again = await voidPayment({ actor: staff, paymentId: id, reason: "Duplicate", context, gateway });
      expect(again).toMatchObject({ refundId: first.refundId, status: "SUCCEEDED", paymentStatus: "VOIDED" });
      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
      expect((await payment(id)).refunds.map((r) => [r.kind, r.status])).toEqual([["VOID", "SUCCEEDED"]]);
    });

    it("needs a reason", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      await expect(
        voidPayment({ actor: staff, paymentId: id, reason: "  x ", context, gateway }),
      ).rejects.toMatchObject({
        code: "VALIDATION",
      });
      expect((await payment(id)).status).toBe("CAPTURED");
    });

    it("a missing payment is NOT_FOUND", async () => {
      await expect(
        voidPayment({ actor: staff, paymentId: "nope", reason: "Duplicate", context, gateway }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("refund", () => {
    it("before settlement is refused: void instead", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      await expect(refund(id, 500)).rejects.toMatchObject({
        code: "NOT_REFUNDABLE",
        userMessage: expect.stringContaining("can't be partly refunded. Void it"),
      }); // $5.00
      await expect(refund(id, 5000)).rejects.toMatchObject({
        code: "NOT_REFUNDABLE",
        userMessage: expect.stringContaining("Void it instead"),
      }); // $50.00
      expect((await payment(id)).refunds).toHaveLength(0);
      expect((await atGateway(id)).refundedCents).toBe(0);
    });

    it("partial: $5.00 of $50.00 → PARTIALLY_REFUNDED, $45.00 refundable, balance +$5.00, audited", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      const result = await refund(id, 500); // $5.00
      expect(result).toMatchObject({
        status: "SUCCEEDED",
        amountCents: 500,
        paymentStatus: "PARTIALLY_REFUNDED",
        refundableCents: 4500, // $45.00
      });
      expect(await balance("ST-1001")).toEqual({ balanceCents: 8040, status: "PARTIALLY_PAID" }); // $80.40
      const p = await payment(id);
      expect(p).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 500 });
      expect(p.refunds).toMatchObject([
        { id: result.refundId, kind: "REFUND", status: "SUCCEEDED", amountCents: 500 },
      ]);
      expect(p.refunds[0]!.gatewayRefundId).toMatch(/^re_/);
      expect(p.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(["refund.requested", "status.partially_refunded", "refund.succeeded"]),
      );
      expect(await atGateway(id)).toMatchObject({ refundedCents: 500, status: "partially_refunded" });
      const rows = await audits(id, "payment.refund");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorUserId: staff.userId, outcome: "SUCCESS" });
      expect(rows[0]!.metadata).toMatchObject({ amountCents: 500, reason: "Billing error" });

      const view = await getPaymentForStaffOrThrow({ practiceId, paymentId: id });
      expect(view).toMatchObject({ refundableCents: 4500, canVoid: false, canRefund: true });
      expect(view.allocations).toEqual([
        { statementId: ids["ST-1001"], statementNumber: "ST-1001", amountCents: 5000 },
      ]);
    });

    it("refunds that add up to the amount → REFUNDED, the balance fully back, then any more is refused", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      await refund(id, 2000); // $20.00
      const last = await refund(id, 3000); // $30.00
      expect(last).toMatchObject({ paymentStatus: "REFUNDED", refundableCents: 0 });
      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
      expect(await payment(id)).toMatchObject({ status: "REFUNDED", refundedCents: 5000 });
      await expect(refund(id, 1)).rejects.toMatchObject({
        code: "NOT_REFUNDABLE",
        userMessage: "This payment has already been refunded in full.",
      }); // $0.01
      expect((await payment(id)).refunds).toHaveLength(2);
      expect((await getPaymentForStaffOrThrow({ practiceId, paymentId: id })).canRefund).toBe(false);
    });

    it("more than the refundable amount is refused, naming it, and nothing reaches the gateway", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      await expect(refund(id, 5001)).rejects.toMatchObject({
        code: "AMOUNT_EXCEEDS_BALANCE",
        userMessage: "The most you can refund is $50.00.",
      }); // $50.01
      expect((await payment(id)).refunds).toHaveLength(0);
      expect((await atGateway(id)).refundedCents).toBe(0);

      await refund(id, 500); // $5.00
      await expect(refund(id, 4501)).rejects.toMatchObject({
        code: "AMOUNT_EXCEEDS_BALANCE",
        userMessage: "The most you can refund is $45.00.",
      }); // $45.01
      expect((await atGateway(id)).refundedCents).toBe(500);
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 8040 }); // $80.40
    });

    it("the same refund submitted twice (same key) refunds once", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      const key = randomUUID();
      const first = await refund(id, 500, { idempotencyKey: key }); // $5.00
      const second = await refund(id, 500, { idempotencyKey: key });
      expect(second).toMatchObject({ refundId: key, status: "SUCCEEDED", refundableCents: 4500 });
      expect(first.refundId).toBe(key);
      expect(await payment(id)).toMatchObject({ refundedCents: 500 });
      expect((await payment(id)).refunds).toHaveLength(1);
      expect((await atGateway(id)).refundedCents).toBe(500);
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 8040 }); // $80.40
      await expect(refund(id, 600, { idempotencyKey: key })).rejects.toMatchObject({ code: "VALIDATION" });
    });

    it("a lost answer leaves the refund PENDING (holding its amount); retrying it does not refund twice", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      const lossy: TFakeGateway = {
        ...gateway,
        refundPayment: async (input) => {
          await gateway.refundPayment(input);
          throw new GatewayError({ code: "INDETERMINATE", isRetryable: false, message: "timed out" });
        },
      };
      const key = randomUUID();
      const pending = await refund(id, 500, { idempotencyKey: key, gateway: lossy }); // $5.00
      expect(pending).toMatchObject({ status: "PENDING", refundableCents: 4500 });
      expect(await payment(id)).toMatchObject({ status: "SETTLED", refundedCents: 0 });
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 7540 }); // $75.40
      // The pending refund holds its amount: the full $50.00 is no longer available.
      await expect(refund(id, 5000)).rejects.toMatchObject({
        code: "AMOUNT_EXCEEDS_BALANCE",
        userMessage: "The most you can refund is $45.00 ($5.00 is held by a refund still pending).",
      });

      const retried = await refund(id, 500, { idempotencyKey: key });
      expect(retried).toMatchObject({
        refundId: key,
        status: "SUCCEEDED",
        paymentStatus: "PARTIALLY_REFUNDED",
      });
      expect((await atGateway(id)).refundedCents).toBe(500);
      expect(await payment(id)).toMatchObject({ refundedCents: 500 });
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 8040 }); // $80.40
    });

    it("a final gateway error marks the refund FAILED and changes nothing else", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      const broken: TFakeGateway = {
        ...gateway,
        refundPayment: async () => {
          throw new GatewayError({
            code: "PROCESSOR_ERROR",
            gatewayCode: "processor_error",
            status: 502,
            isRetryable: true,
            message: "processor error",
          });
        },
      };
      await expect(refund(id, 500, { gateway: broken })).rejects.toMatchObject({
        code: "GATEWAY_UNAVAILABLE",
      });
      const p = await payment(id);
      expect(p).toMatchObject({ status: "SETTLED", refundedCents: 0 });
      expect(p.refunds.map((r) => r.status)).toEqual(["FAILED"]);
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 7540 }); // $75.40
      expect((await audits(id, "payment.refund")).map((a) => a.outcome)).toEqual(["FAILURE"]);
      // A failed attempt holds nothing: the full amount can still be refunded.
      expect((await refund(id, 5000)).paymentStatus).toBe("REFUNDED");
    });

    it("two concurrent refunds of the whole refundable amount: exactly one succeeds", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      gateway.settleAll();
      const results = await Promise.allSettled([refund(id, 5000), refund(id, 5000)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(["AMOUNT_EXCEEDS_BALANCE", "NOT_REFUNDABLE"]).toContain(rejected.reason.code);
      expect((await atGateway(id)).refundedCents).toBe(5000);
      expect(await payment(id)).toMatchObject({ status: "REFUNDED", refundedCents: 5000 });
      expect((await payment(id)).refunds).toHaveLength(1);
      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
    });

    it("partial refunds of a payment over two statements give back last allocation first, never more than it got", async () => {
      const id = await paid([
        ["ST-1002", 10000],
        ["ST-1001", 12540],
      ]); // $100.00 + $125.40
      gateway.settleAll();
      await refund(id, 12000); // $120.00 → all on ST-1001
      expect(await balance("ST-1001")).toMatchObject({ balanceCents: 12000 });
      expect(await balance("ST-1002")).toMatchObject({ balanceCents: 79000 }); // $790.00
      await refund(id, 1000); // $10.00 → $5.40 finishes ST-1001, $4.60 on ST-1002
      expect(await balance("ST-1001")).toEqual({ balanceCents: 12540, status: "OPEN" });
      expect(await balance("ST-1002")).toMatchObject({ balanceCents: 79460 }); // $794.60
    });
  });

  describe("who may", () => {
    it("a patient can neither void nor refund (FORBIDDEN, recorded), even their own payment", async () => {
      const id = await paid([["ST-1001", 5000]]); // $50.00
      await expect(
        voidPayment({ actor: patient, paymentId: id, reason: "I changed my mind", context, gateway }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      gateway.settleAll();
      await expect(
        refundPayment({
          actor: patient,
          paymentId: id,
          amountCents: 500,
          reason: "Please",
          context,
          gateway,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const p = await payment(id);
      expect(p).toMatchObject({ status: "CAPTURED", refundedCents: 0 });
      expect(p.refunds).toHaveLength(0);
      expect((await atGateway(id)).status).toBe("approved");
      expect((await audits(id, "payment.void")).map((a) => [a.outcome, a.actorUserId])).toEqual([
        ["DENIED", patient.userId],
      ]);
      expect((await audits(id, "payment.refund")).map((a) => a.outcome)).toEqual(["DENIED"]);
    });
  });

  it("lists an account's payments newest first", async () => {
    const older = await paid([["ST-1001", 1000]]); // $10.00
    const newer = await paid([["ST-1002", 2000]]); // $20.00
    const account = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-1001" },
      select: { accountId: true },
    });
    const list = await listPaymentsForAccount({ practiceId, accountId: account.accountId });
    expect(list.map((p) => p.id)).toEqual([newer, older]);
    expect(list[0]).toMatchObject({ amountCents: 2000, status: "CAPTURED", last4: "1111" });
  });

  describe("gateway news that arrives after a refund", () => {
    const balanceOf = async (number: string) =>
      (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: number } })).balanceCents;

    it("a late 'settled' does not undo a partial refund", async () => {
      const id = await paid([["ST-1002", 5000]]); // $50.00
      gateway.settleAll();
      const settled = await atGateway(id);
      await refund(id, 500); // $5.00
      expect(await applyGatewayOutcome({ paymentId: id, gatewayPayment: settled, source: "webhook" })).toBe(
        "PARTIALLY_REFUNDED",
      );
      expect((await payment(id)).status).toBe("PARTIALLY_REFUNDED");
    });

    it("an ACH return after a partial refund gives each statement back exactly what it still held", async () => {
      const before = { a: await balanceOf("ST-1001"), b: await balanceOf("ST-1002") };
      const id = await paid(
        [
          ["ST-1001", 2000],
          ["ST-1002", 3000],
        ],
        { byBank: true },
      ); // $20.00 + $30.00
      gateway.settleAll();
      await refund(id, 1000); // $10.00, back to ST-1002 (last allocation first)
      const returned = {
        ...(await atGateway(id)),
        status: "returned" as const,
        returnedAt: new Date(),
        returnCode: "R01",
      };
      expect(await applyGatewayOutcome({ paymentId: id, gatewayPayment: returned, source: "webhook" })).toBe(
        "RETURNED",
      );
      expect({ a: await balanceOf("ST-1001"), b: await balanceOf("ST-1002") }).toEqual(before);
    });
  });
});
