import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill, type TPayer } from "@/lib/payments/pay-bill";
import {
  getPaymentStatusOrThrow,
  getReceiptOrThrow,
  listPaymentHistoryForPatient,
} from "@/lib/receipts/queries";
import type { TReceiptViewer } from "@/lib/receipts/types";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.60");
const gateway = createFakeGateway();

describe("who may see a receipt", () => {
  const ids: Record<string, string> = {};
  let pat: { kind: "patient"; userId: string; email: string };
  let jordan: { kind: "patient"; userId: string };
  let staffUserId: string;
  let staff: TReceiptViewer;
  /** Pat pays $125.40 of ST-1001 and $100.00 of ST-1002 in one payment. */
  let both: string;
  /** A guest with ST-1002 pays $50.00 of it. */
  let guestPaid: string;
  /** Jordan (another patient, account A-2001) pays ST-2001. */
  let jordans: string;
  let declined: string;

  const pay = async (
    payer: TPayer,
    allocations: [string, number][],
    token = "tok_ok_visa_1111",
    payerEmail?: string,
  ) => {
    const input = {
      allocations: allocations.map(([n, cents]) => ({ statementId: ids[n]!, amount: cents as Cents })),
      token,
      methodKind: "CARD" as const,
      idempotencyKey: randomUUID(),
      payerEmail,
    };
    try {
      return (await payBill({ payer, input, context, gateway })).paymentId;
    } catch {
      // A decline throws, but the attempt is recorded.
      const p = await database.db.payment.findUniqueOrThrow({
        where: { idempotencyKey: input.idempotencyKey },
      });
      return p.id;
    }
  };

  beforeAll(async () => {
    const db = database.db;
    for (const s of await db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    staffUserId = (await db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } })).id;
    staff = { kind: "staff", practiceId: (await db.practice.findFirstOrThrow()).id };
    const account = await db.account.findFirstOrThrow({
      where: { accountNumber: DEMO.otherPatient.accountNumber },
    });
    const other = await db.user.create({
      data: {
        email: `jordan-${randomUUID()}@example.com`,
        firstName: "Jordan",
        lastName: "Smith",
        emailVerifiedAt: new Date(),
        accountLinks: { create: { accountId: account.id } },
      },
    });
    jordan = { kind: "patient", userId: other.id };

    both = await pay(pat, [
      ["ST-1001", 12540], // $125.40
      ["ST-1002", 10000], // $100.00
    ]);
    guestPaid = await pay({ kind: "guest", statementId: ids["ST-1002"]! }, [["ST-1002", 5000]]); // $50.00
    jordans = await pay({ kind: "patient", userId: other.id, email: other.email }, [["ST-2001", 6000]]); // $60.00
    declined = await pay(pat, [["ST-1002", 2000]], "tok_decline_insufficient_funds"); // $20.00
  });

  const notFound = { code: "NOT_FOUND", userMessage: "We couldn't find that record." };

  it("shows a patient the receipt of a payment on their account, with every fact", async () => {
    const r = await getReceiptOrThrow({ paymentId: both, viewer: pat });
    expect(r).toMatchObject({
      paymentId: both,
      status: "CAPTURED",
      amountCents: 22540, // $225.40
      refundedCents: 0,
      currency: "USD",
      authorizationCode: "FAKE01",
      method: { kind: "CARD", brand: "visa", last4: "1111" },
      practice: {
        name: DEMO.practice.name,
        address1: "1200 Walnut Street",
        city: "Philadelphia",
        state: "PA",
        zip: "19107",
        phone: "(215) 555-0142",
        timeZone: "America/New_York",
      },
      account: { accountNumber: "A-1001", guarantorName: "Pat Rivera" },
      patientNames: ["Pat Rivera"],
      allocations: [
        { statementNumber: "ST-1001", amountCents: 12540 }, // $125.40
        { statementNumber: "ST-1002", amountCents: 10000 }, // $100.00
      ],
      refunds: [],
    });
    expect(r.receiptNumber).toMatch(/^R-\d{8}-[2-9A-Z]{6}$/);
    expect(r.createdAt).toBeInstanceOf(Date);
  });

  it("shows a patient payments others made on their account (a guest with their statement)", async () => {
    await expect(getReceiptOrThrow({ paymentId: guestPaid, viewer: pat })).resolves.toMatchObject({
      amountCents: 5000, // $50.00
    });
  });

  it("answers another patient, and a missing payment, with the same NOT_FOUND", async () => {
    const foreign = await getReceiptOrThrow({ paymentId: both, viewer: jordan }).catch((e: unknown) => e);
    const missing = await getReceiptOrThrow({ paymentId: "does-not-exist", viewer: pat }).catch(
      (e: unknown) => e,
    );
    expect(foreign).toMatchObject(notFound);
    expect(missing).toMatchObject(notFound);
    expect((foreign as Error).message).toBe((missing as Error).message);
    await expect(getReceiptOrThrow({ paymentId: jordans, viewer: pat })).rejects.toMatchObject(notFound);
    await expect(getReceiptOrThrow({ paymentId: jordans, viewer: jordan })).resolves.toMatchObject({
      account: { accountNumber: "A-2001", guarantorName: "Jordan Smith" },
    });
  });

  it("shows a guest the payments applied to their statement, and nothing else", async () => {
    const guest1001: TReceiptViewer = { kind: "guest", statementId: ids["ST-1001"]! };
    const guest1002: TReceiptViewer = { kind: "guest", statementId: ids["ST-1002"]! };
    const guest2001: TReceiptViewer = { kind: "guest", statementId: ids["ST-2001"]! };
    // The payment over both statements is on each statement's receipt list.
    await expect(getReceiptOrThrow({ paymentId: both, viewer: guest1001 })).resolves.toMatchObject({
      paymentId: both,
    });
    await expect(getReceiptOrThrow({ paymentId: both, viewer: guest1002 })).resolves.toMatchObject({
      paymentId: both,
    });
    await expect(getReceiptOrThrow({ paymentId: guestPaid, viewer: guest1002 })).resolves.toMatchObject({
      paymentId: guestPaid,
    });
    // Another statement of the same account is not the guest's.
    await expect(getReceiptOrThrow({ paymentId: guestPaid, viewer: guest1001 })).rejects.toMatchObject(
      notFound,
    );
    await expect(getReceiptOrThrow({ paymentId: both, viewer: guest2001 })).rejects.toMatchObject(notFound);
    await expect(getReceiptOrThrow({ paymentId: "does-not-exist", viewer: guest1001 })).rejects.toMatchObject(
      notFound,
    );
  });

  it("shows staff any payment of their practice, and none of another's", async () => {
    for (const paymentId of [both, guestPaid, jordans, declined]) {
      await expect(getReceiptOrThrow({ paymentId, viewer: staff })).resolves.toMatchObject({ paymentId });
    }
    await expect(getReceiptOrThrow({ paymentId: "does-not-exist", viewer: staff })).rejects.toMatchObject(
      notFound,
    );
    const elsewhere = await database.db.practice.create({
      data: { name: "Elsewhere Clinic", clientId: "ELSEWHERE" },
    });
    for (const paymentId of [both, guestPaid]) {
      await expect(
        getReceiptOrThrow({ paymentId, viewer: { kind: "staff", practiceId: elsewhere.id } }),
      ).rejects.toMatchObject(notFound);
      await expect(
        getPaymentStatusOrThrow({ paymentId, viewer: { kind: "staff", practiceId: elsewhere.id } }),
      ).rejects.toMatchObject(notFound);
    }
  });

  it("tells a payment's status only to those who may see its receipt (the processing page's polling)", async () => {
    const guest1002: TReceiptViewer = { kind: "guest", statementId: ids["ST-1002"]! };
    const guest2001: TReceiptViewer = { kind: "guest", statementId: ids["ST-2001"]! };
    for (const viewer of [pat, guest1002, staff]) {
      await expect(getPaymentStatusOrThrow({ paymentId: guestPaid, viewer })).resolves.toMatchObject({
        status: "CAPTURED",
      });
    }
    await expect(getPaymentStatusOrThrow({ paymentId: declined, viewer: pat })).resolves.toMatchObject({
      status: "DECLINED",
    });
    await expect(getPaymentStatusOrThrow({ paymentId: both, viewer: jordan })).rejects.toMatchObject(
      notFound,
    );
    await expect(getPaymentStatusOrThrow({ paymentId: both, viewer: guest2001 })).rejects.toMatchObject(
      notFound,
    );
    await expect(getPaymentStatusOrThrow({ paymentId: "does-not-exist", viewer: pat })).rejects.toMatchObject(
      notFound,
    );
  });

  it("lists refunds and voids, oldest first, each with the instant it was made", async () => {
    const db = database.db;
    const firstAt = new Date(Date.now() - 1000);
    await db.refund.create({
      data: {
        paymentId: both,
        kind: "REFUND",
        amountCents: 500, // $5.00
        reason: "Duplicate charge",
        status: "SUCCEEDED",
        createdByUserId: staffUserId,
        createdAt: firstAt,
      },
    });
    await db.refund.create({
      data: {
        paymentId: both,
        kind: "REFUND",
        amountCents: 700, // $7.00
        reason: "Courtesy adjustment",
        status: "PENDING",
        createdByUserId: staffUserId,
      },
    });
    await db.payment.update({
      where: { id: both },
      data: { status: "PARTIALLY_REFUNDED", refundedCents: 500 },
    });
    const r = await getReceiptOrThrow({ paymentId: both, viewer: pat });
    expect(r.status).toBe("PARTIALLY_REFUNDED");
    expect(r.refundedCents).toBe(500);
    expect(
      r.refunds.map(({ kind, amountCents, reason, status }) => ({ kind, amountCents, reason, status })),
    ).toEqual([
      { kind: "REFUND", amountCents: 500, reason: "Duplicate charge", status: "SUCCEEDED" },
      { kind: "REFUND", amountCents: 700, reason: "Courtesy adjustment", status: "PENDING" },
    ]);
    // An instant, as the receipt formats it in the practice's zone (not the text of one).
    expect(r.refunds[0]!.createdAt).toEqual(firstAt);
    expect(r.refunds[1]!.createdAt).toBeInstanceOf(Date);
  });

  it("lists a patient's payment history: their accounts only, newest first, declined attempts included", async () => {
    const history = await listPaymentHistoryForPatient({ userId: pat.userId });
    expect(history.map((p) => p.paymentId)).toEqual([declined, guestPaid, both]);
    expect(history[0]).toMatchObject({
      status: "DECLINED",
      declineCode: "insufficient_funds",
      amountCents: 2000, // $20.00
      accountNumber: "A-1001",
      timeZone: "America/New_York",
    });
    expect(history[2]).toMatchObject({ method: { kind: "CARD", brand: "visa", last4: "1111" } });
    expect((await listPaymentHistoryForPatient({ userId: jordan.userId })).map((p) => p.paymentId)).toEqual([
      jordans,
    ]);
  });
});
