import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { NOT_FOUND_MESSAGE } from "@/lib/errors";
import { listPayableStatementsForPatient } from "@/lib/payments/queries";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { getLinkedAccountOrThrow, listLinkedAccounts } from "@/lib/profile/queries";
import { unlinkAccount } from "@/lib/profile/unlink-account";
import { getReceiptOrThrow, listPaymentHistoryForPatient } from "@/lib/receipts/queries";
import { getStatementForPatientOrThrow, listStatementsForPatient } from "@/lib/statements/queries";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.20");

describe("unlinking an account", () => {
  let casey: TActor;
  let other: TActor;
  const ids: Record<string, string> = {};
  let paymentId: string;

  const linkIdOf = async (actor: TActor, accountNumber: string) =>
    (await listLinkedAccounts({ userId: actor.userId })).find((a) => a.accountNumber === accountNumber)!
      .linkId;

  beforeAll(async () => {
    const db = database.db;
    for (const a of await db.account.findMany()) ids[a.accountNumber] = a.id;
    for (const s of await db.statement.findMany()) ids[s.statementNumber] = s.id;
    casey = await createPatientForTest(db, { accountIds: [ids["A-1001"]!, ids["A-2001"]!] });
    other = await createPatientForTest(db, { accountIds: [ids["A-2001"]!] });
    // Casey paid $10.00 of ST-2001 earlier.
    const practice = await db.practice.findFirstOrThrow();
    paymentId = (
      await db.payment.create({
        data: {
          practiceId: practice.id,
          accountId: ids["A-2001"]!,
          payerUserId: casey.userId,
          channel: "WEB",
          status: "CAPTURED",
          amountCents: 1000, // $10.00
          idempotencyKey: randomUUID(),
          receiptNumber: `R-TEST-${randomUUID().slice(0, 6)}`,
          methodKind: "CARD",
          brand: "visa",
          last4: "1111",
          allocations: { create: { statementId: ids["ST-2001"]!, amountCents: 1000 } },
        },
      })
    ).id;
  });

  it("refuses someone else's link exactly like a missing one, and leaves it in place", async () => {
    const othersLink = await linkIdOf(other, "A-2001");
    const foreign = await unlinkAccount({ actor: casey, linkId: othersLink, context }).catch(
      (e: unknown) => e,
    );
    const missing = await unlinkAccount({ actor: casey, linkId: "cm0000000000000000000000", context }).catch(
      (e: unknown) => e,
    );
    expect(foreign).toMatchObject({ code: "NOT_FOUND", userMessage: NOT_FOUND_MESSAGE });
    expect(missing).toMatchObject({ code: "NOT_FOUND", userMessage: NOT_FOUND_MESSAGE });
    expect((foreign as Error).message).toBe((missing as Error).message);
    await expect(getLinkedAccountOrThrow({ userId: casey.userId, linkId: othersLink })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    expect((await listLinkedAccounts({ userId: other.userId })).map((a) => a.accountNumber)).toEqual([
      "A-2001",
    ]);
  });

  it("refuses while the patient's autopay runs on the account, and says what to cancel", async () => {
    const method = await database.db.paymentMethod.create({
      data: {
        userId: casey.userId,
        kind: "CARD",
        gatewayToken: `pm_${randomUUID()}`,
        brand: "visa",
        last4: "1111",
      },
    });
    const enrollment = await database.db.autopayEnrollment.create({
      data: {
        accountId: ids["A-2001"]!,
        userId: casey.userId,
        paymentMethodId: method.id,
        limitCents: 50000, // $500.00
        consentText: "test",
        consentVersion: "test",
        consentedAt: new Date(),
      },
    });
    await expect(
      unlinkAccount({ actor: casey, linkId: await linkIdOf(casey, "A-2001"), context }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      userMessage:
        "Account A-2001 has an active autopay that you set up. Cancel it first, then unlink the account.",
    });
    expect((await listLinkedAccounts({ userId: casey.userId })).map((a) => a.accountNumber)).toEqual([
      "A-1001",
      "A-2001",
    ]);
    await database.db.autopayEnrollment.update({
      where: { id: enrollment.id },
      data: { status: "CANCELLED", cancelledAt: new Date() },
    });
  });

  it("takes the account's statements, payments and receipts away at once", async () => {
    // Before: Casey sees A-2001's statement, its receipt and can pay it.
    await expect(
      getStatementForPatientOrThrow({ userId: casey.userId, statementId: ids["ST-2001"]! }),
    ).resolves.toBeTruthy();
    await expect(
      getReceiptOrThrow({ paymentId, viewer: { kind: "patient", userId: casey.userId } }),
    ).resolves.toBeTruthy();
    expect(
      (await listPayableStatementsForPatient({ userId: casey.userId })).map((s) => s.statementNumber),
    ).toContain("ST-2001");
    expect((await listPaymentHistoryForPatient({ userId: casey.userId })).map((p) => p.paymentId)).toContain(
      paymentId,
    );

    await expect(
      unlinkAccount({ actor: casey, linkId: await linkIdOf(casey, "A-2001"), context }),
    ).resolves.toEqual({ accountNumber: "A-2001", remainingLinks: 1 });

    expect((await listLinkedAccounts({ userId: casey.userId })).map((a) => a.accountNumber)).toEqual([
      "A-1001",
    ]);
    expect((await listStatementsForPatient({ userId: casey.userId })).map((s) => s.statementNumber)).toEqual([
      "ST-1002",
      "ST-1001",
    ]);
    expect(
      (await listPayableStatementsForPatient({ userId: casey.userId })).map((s) => s.statementNumber),
    ).not.toContain("ST-2001");
    await expect(
      getStatementForPatientOrThrow({ userId: casey.userId, statementId: ids["ST-2001"]! }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getReceiptOrThrow({ paymentId, viewer: { kind: "patient", userId: casey.userId } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await listPaymentHistoryForPatient({ userId: casey.userId })).map((p) => p.paymentId),
    ).not.toContain(paymentId);
  });

  it("leaves the payment itself, and the other patient's link, untouched", async () => {
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({ status: "CAPTURED", amountCents: 1000 }); // $10.00
    await expect(
      getReceiptOrThrow({ paymentId, viewer: { kind: "patient", userId: other.userId } }),
    ).resolves.toMatchObject({ amountCents: 1000 });
  });

  it("allows unlinking the last account, after which the patient has no statements", async () => {
    await expect(
      unlinkAccount({ actor: casey, linkId: await linkIdOf(casey, "A-1001"), context }),
    ).resolves.toEqual({ accountNumber: "A-1001", remainingLinks: 0 });
    expect(await listLinkedAccounts({ userId: casey.userId })).toEqual([]);
    expect(await listStatementsForPatient({ userId: casey.userId })).toEqual([]);
  });

  it("says not found when the same link is unlinked twice", async () => {
    const link = await database.db.accountLink.create({
      data: { userId: casey.userId, accountId: ids["A-1001"]! },
    });
    await unlinkAccount({ actor: casey, linkId: link.id, context });
    await expect(unlinkAccount({ actor: casey, linkId: link.id, context })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("audits each unlink with the account, never the other patient's", async () => {
    const rows = await database.db.auditLog.findMany({
      where: { action: "account.unlink" },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.actorUserId, r.targetId, r.metadata])).toEqual([
      [casey.userId, ids["A-2001"], { accountNumber: "A-2001", remainingLinks: 1 }],
      [casey.userId, ids["A-1001"], { accountNumber: "A-1001", remainingLinks: 0 }],
      [casey.userId, ids["A-1001"], { accountNumber: "A-1001", remainingLinks: 0 }],
    ]);
  });
});
