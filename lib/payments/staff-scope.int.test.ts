import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { GatewayError } from "@/lib/gateway/errors";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { refundPayment } from "@/lib/payments/refund-payment";
import {
  findPaymentAccountId,
  getPaymentForStaffOrThrow,
  listPaymentsForAccount,
} from "@/lib/payments/staff-queries";
import { voidPayment } from "@/lib/payments/void-payment";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice, type TOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");

/**
 * Staff of another practice are strangers to the demo practice's payments: every read is
 * NOT_FOUND (as for a missing id) and every void, refund and retried refund is NOT_FOUND and
 * changes nothing: not the payment, its refunds, events, balances, the gateway or the audit log.
 */
describe("staff of another practice and the demo practice's payments", () => {
  let gateway: TFakeGateway;
  let other: TOtherPractice;
  let demoStaff: TStaffActor;
  let demoAccountId: string;
  let capturedId: string;
  let settledId: string;
  /** A refund of the settled payment whose answer was lost: PENDING, retried with its key. */
  let pendingRefund: { id: string; amountCents: number };

  const pay = async (cents: number) => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    const statement = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: "ST-1002" },
    });
    const result = await payBill({
      payer: { kind: "patient", userId: user.id, email: user.email },
      input: {
        allocations: [{ statementId: statement.id, amount: cents as Cents }],
        token: "tok_ok_visa_1111",
        methodKind: "CARD",
        idempotencyKey: randomUUID(),
      },
      context,
      gateway,
    });
    expect(result.status).toBe("CAPTURED");
    return result.paymentId;
  };

  /** Everything a stranger's attempt could have changed. */
  const snapshot = async () => ({
    payments: await database.db.payment.findMany({
      orderBy: { id: "asc" },
      include: { refunds: { orderBy: { id: "asc" } }, events: { orderBy: { id: "asc" } } },
    }),
    statements: await database.db.statement.findMany({
      orderBy: { id: "asc" },
      select: { id: true, balanceCents: true, status: true },
    }),
    audit: await database.db.auditLog.count(),
    atGateway: await Promise.all(
      [capturedId, settledId].map(async (id) => {
        const p = await database.db.payment.findUniqueOrThrow({ where: { id } });
        return gateway.getPayment(p.gatewayTransactionId!);
      }),
    ),
  });

  beforeAll(async () => {
    gateway = createFakeGateway();
    other = await makeOtherPractice(database.db);
    const u = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    demoStaff = {
      userId: u.id,
      email: u.email,
      role: u.role,
      name: `${u.firstName} ${u.lastName}`,
      practiceId: u.practiceId!,
    };
    demoAccountId = (
      await database.db.account.findFirstOrThrow({ where: { practiceId: demoStaff.practiceId } })
    ).id;
    settledId = await pay(5000); // $50.00
    gateway.settleAll();
    capturedId = await pay(2000); // $20.00
    const lossy: TFakeGateway = {
      ...gateway,
      refundPayment: async (input) => {
        await gateway.refundPayment(input);
        throw new GatewayError({ code: "INDETERMINATE", isRetryable: false, message: "timed out" });
      },
    };
    const key = randomUUID();
    const pending = await refundPayment({
      actor: demoStaff,
      paymentId: settledId,
      amountCents: 500, // $5.00
      reason: "Billing error",
      idempotencyKey: key,
      context,
      gateway: lossy,
    });
    expect(pending.status).toBe("PENDING");
    pendingRefund = { id: key, amountCents: 500 };
  });

  it("the demo practice's own staff see its payments (so the refusals below are about the practice)", async () => {
    const view = await getPaymentForStaffOrThrow({ practiceId: demoStaff.practiceId, paymentId: capturedId });
    expect(view).toMatchObject({ id: capturedId, amountCents: 2000, canVoid: true });
    const list = await listPaymentsForAccount({ practiceId: demoStaff.practiceId, accountId: demoAccountId });
    expect(list.map((p) => p.id).sort()).toEqual([capturedId, settledId].sort());
  });

  it("reads: a payment of the demo practice is NOT_FOUND, its account lists none, and it names no account", async () => {
    for (const paymentId of [capturedId, settledId]) {
      await expect(
        getPaymentForStaffOrThrow({ practiceId: other.practiceId, paymentId }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await findPaymentAccountId({ practiceId: other.practiceId, paymentId })).toBeNull();
    }
    // The same answer as for an id that exists nowhere.
    await expect(
      getPaymentForStaffOrThrow({ practiceId: other.practiceId, paymentId: "missing" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listPaymentsForAccount({ practiceId: other.practiceId, accountId: demoAccountId })).toEqual(
      [],
    );
  });

  it("actions: a void, a refund and a retried refund by the other practice's staff or admin are NOT_FOUND and change nothing", async () => {
    const before = await snapshot();
    for (const actor of [other.staff, other.admin]) {
      await expect(
        voidPayment({ actor, paymentId: capturedId, reason: "Paid twice", context, gateway }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        refundPayment({
          actor,
          paymentId: settledId,
          amountCents: 1000, // $10.00
          reason: "Billing error",
          idempotencyKey: randomUUID(),
          context,
          gateway,
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      // The pending refund's own key: what the "retry" button sends.
      await expect(
        refundPayment({
          actor,
          paymentId: settledId,
          amountCents: pendingRefund.amountCents,
          reason: "Billing error",
          idempotencyKey: pendingRefund.id,
          context,
          gateway,
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await snapshot()).toEqual(before);
    const refund = await database.db.refund.findUniqueOrThrow({ where: { id: pendingRefund.id } });
    expect(refund.status).toBe("PENDING");
  });
});
