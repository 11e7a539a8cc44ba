import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation } from "@/lib/access/accept-invitation";
import { leaveAccount, removeAccessByStaff, revokeAccess } from "@/lib/access/end-access";
import { invitePayer } from "@/lib/access/invite-payer";
import {
  getAccountRelation,
  getInvitationByToken,
  listAccessForGuarantor,
  listAccessForStaff,
  listSharedAccounts,
} from "@/lib/access/queries";
import { hashInvitationToken } from "@/lib/access/token";
import type { TActor } from "@/lib/auth/session";
import { enrollAutopay } from "@/lib/autopay/enrollment";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import type { TEnrollAutopayInput } from "@/lib/autopay/schemas";
import { setClockForTests } from "@/lib/clock";
import { createFakeGateway } from "@/lib/gateway/fake";
import type { Cents } from "@/lib/money";
import { payBill } from "@/lib/payments/pay-bill";
import { getPaymentForStaffOrThrow } from "@/lib/payments/staff-queries";
import { listPayableStatementsForPatient } from "@/lib/payments/queries";
import { getPlanFormOptions } from "@/lib/plans/queries";
import {
  getItemizedStatementOrThrow,
  getYearlySummaryOrThrow,
  listSummaryYearsForPatient,
} from "@/lib/documents/queries";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { getReceiptOrThrow, listPaymentHistoryForPatient } from "@/lib/receipts/queries";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { getStatementForPatientOrThrow, listStatementsForPatient } from "@/lib/statements/queries";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { makeOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";
import { listAuditLog, listOutbox } from "@/lib/staff/queries";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");

/**
 * Family members and authorized payers (lib/access): a guarantor invites, the invitee accepts,
 * then sees (VIEW) or sees and pays (PAY) that one account and nothing else of the guarantor's;
 * either side, or staff, ends it, and the account is out of reach at once.
 */
describe("family members and authorized payers", () => {
  let guarantor: TActor;
  const ids: Record<string, string> = {};
  let otherAccountStatementId: string;
  let guarantorMethodId: string;

  const newPayer = () =>
    createPatientForTest(database.db, { email: `payer-${randomUUID().slice(0, 8)}@example.com` });

  /** Invites `email` to A-1001 and returns the emailed link's token. */
  const invite = async (email: string, scope: "VIEW" | "PAY") => {
    await invitePayer({ actor: guarantor, input: { accountId: ids["A-1001"]!, email, scope }, context });
    return tokenFromEmailText((await latestEmailTo(database.db, email, "invited you")).text);
  };

  /** A payer with accepted access of `scope` to A-1001. */
  const payerWith = async (scope: "VIEW" | "PAY") => {
    const payer = await newPayer();
    const token = await invite(payer.email, scope);
    const accepted = await acceptInvitation({ actor: payer, token, context });
    return { payer, accessId: accepted.accessId };
  };

  const payInput = (statementNumber: string, overrides: Record<string, unknown> = {}) => ({
    allocations: [{ statementId: ids[statementNumber]!, amount: 1000 as Cents }], // $10.00
    token: "tok_ok_visa_1111",
    methodKind: "CARD" as const,
    idempotencyKey: randomUUID(),
    ...overrides,
  });

  const expectNotFound = (promise: Promise<unknown>) =>
    expect(promise).rejects.toMatchObject({ code: "NOT_FOUND" });

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    guarantor = {
      userId: user.id,
      email: user.email,
      role: user.role,
      name: `${user.firstName} ${user.lastName}`,
    };
    for (const a of await database.db.account.findMany({ select: { id: true, accountNumber: true } })) {
      ids[a.accountNumber] = a.id;
    }
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
    // A second account of the guarantor's, never shared: the payer must never see it.
    const other = await database.db.account.create({
      data: {
        practiceId: (await database.db.practice.findFirstOrThrow()).id,
        accountNumber: "A-1009",
        guarantorFirstName: "Pat",
        guarantorLastName: "Rivera",
        links: { create: { userId: guarantor.userId } },
        statements: {
          create: {
            statementNumber: "ST-1009",
            statementDate: new Date("2026-10-01T00:00:00Z"),
            amountDueCents: 5000, // $50.00
            balanceCents: 5000, // $50.00
            patientFirstName: "Pat",
            patientLastName: "Rivera",
            patientDob: new Date("1980-01-01T00:00:00Z"),
          },
        },
      },
      include: { statements: true },
    });
    otherAccountStatementId = other.statements[0]!.id;
    ids["ST-1009"] = otherAccountStatementId;
    ids["A-1009"] = other.id;
    const method = await database.db.paymentMethod.create({
      data: {
        userId: guarantor.userId,
        kind: "CARD",
        gatewayToken: `pm_${randomUUID()}`,
        brand: "visa",
        last4: "4242",
      },
    });
    guarantorMethodId = method.id;
  });

  beforeEach(async () => {
    setClockForTests(undefined);
    // Each test starts with the guarantor's hourly invitation budget unspent.
    await database.db.rateLimitEvent.deleteMany({ where: { bucket: "mail:payer-invite" } });
  });

  it("emails an unguessable single-use link and stores only its hash", async () => {
    const payer = await newPayer();
    const token = await invite(payer.email, "VIEW");
    expect(token.length).toBeGreaterThanOrEqual(43);
    const email = await latestEmailTo(database.db, payer.email, "invited you");
    expect(email.subject).toBe("Pat Rivera invited you to Pat Rivera's account at Riverside Family Medicine");
    expect(email.text).toContain("you can view the bills of Pat Rivera's account");
    const row = await database.db.accountAccess.findFirstOrThrow({ where: { inviteeEmail: payer.email } });
    expect(row).toMatchObject({ status: "PENDING", scope: "VIEW", tokenHash: hashInvitationToken(token) });
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { targetId: row.id } });
    expect(audit).toMatchObject({ action: "account_access.invited", actorUserId: guarantor.userId });
    expect(await getInvitationByToken({ token })).toMatchObject({
      isUsable: true,
      inviterName: "Pat Rivera",
      guarantorName: "Pat Rivera",
      scope: "VIEW",
    });
  });

  it("refuses inviting to an account the guarantor does not manage, or to oneself", async () => {
    const stranger = await newPayer();
    await expectNotFound(
      invitePayer({
        actor: stranger,
        input: { accountId: ids["A-1001"]!, email: "x@example.com", scope: "PAY" },
        context,
      }),
    );
    await expect(
      invitePayer({
        actor: guarantor,
        input: { accountId: ids["A-1001"]!, email: guarantor.email, scope: "PAY" },
        context,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { email: [expect.stringContaining("your own")] },
    });
    // A payer with PAY cannot invite others either: managing stays with the guarantor.
    const { payer } = await payerWith("PAY");
    await expectNotFound(
      invitePayer({
        actor: payer,
        input: { accountId: ids["A-1001"]!, email: "y@example.com", scope: "VIEW" },
        context,
      }),
    );
  });

  it("lets only the invited address accept, once, and not after the link expires or is replaced", async () => {
    const payer = await newPayer();
    const someoneElse = await newPayer();
    const token = await invite(payer.email, "PAY");
    await expect(acceptInvitation({ actor: someoneElse, token, context })).rejects.toMatchObject({
      code: "FORBIDDEN",
      userMessage: expect.stringContaining("p•••@example.com"),
    });
    await expect(
      acceptInvitation({ actor: payer, token: "not-a-token-at-all", context }),
    ).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    const [first, second] = await Promise.allSettled([
      acceptInvitation({ actor: payer, token, context }),
      acceptInvitation({ actor: payer, token, context }),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(
      await database.db.accountAccess.count({ where: { payerUserId: payer.userId, status: "ACTIVE" } }),
    ).toBe(1);
    await expect(acceptInvitation({ actor: payer, token, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    expect(await getInvitationByToken({ token })).toBeNull();

    const late = await newPayer();
    const lateToken = await invite(late.email, "VIEW");
    setClockForTests({ now: () => new Date(Date.now() + 8 * 24 * 60 * 60_000) });
    expect(await getInvitationByToken({ token: lateToken })).toMatchObject({ isUsable: false });
    await expect(acceptInvitation({ actor: late, token: lateToken, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    setClockForTests(undefined);

    const again = await newPayer();
    const oldToken = await invite(again.email, "VIEW");
    const newToken = await invite(again.email, "PAY");
    await expect(acceptInvitation({ actor: again, token: oldToken, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    expect(await acceptInvitation({ actor: again, token: newToken, context })).toMatchObject({
      scope: "PAY",
    });
  });

  it("VIEW: the payer sees that account beside their own, labelled, and nothing else of the guarantor's; cannot pay", async () => {
    const { payer } = await payerWith("VIEW");
    const own = await database.db.account.create({
      data: {
        practiceId: (await database.db.practice.findFirstOrThrow()).id,
        accountNumber: `A-P${randomUUID().slice(0, 6)}`,
        guarantorFirstName: "Casey",
        guarantorLastName: "Tester",
        links: { create: { userId: payer.userId } },
      },
    });
    expect(await getAccountRelation({ userId: payer.userId, accountId: own.id })).toEqual({
      kind: "guarantor",
    });
    expect(await getAccountRelation({ userId: payer.userId, accountId: ids["A-1001"]! })).toMatchObject({
      kind: "payer",
      scope: "VIEW",
      label: "Pat Rivera's account — you can view",
    });
    expect(await listSharedAccounts({ userId: payer.userId })).toMatchObject([
      { accountNumber: "A-1001", label: "Pat Rivera's account — you can view" },
    ]);
    const seen = (await listStatementsForPatient({ userId: payer.userId }))
      .map((s) => s.statementNumber)
      .sort();
    expect(seen).toEqual(["ST-1001", "ST-1002"]);
    await expect(
      getStatementForPatientOrThrow({ userId: payer.userId, statementId: ids["ST-1001"]! }),
    ).resolves.toMatchObject({ statementNumber: "ST-1001" });
    // The statement's itemized PDF and the account's yearly summary are theirs to read too.
    const asViewer = { kind: "patient" as const, userId: payer.userId };
    await expect(
      getItemizedStatementOrThrow({ viewer: asViewer, statementId: ids["ST-1001"]! }),
    ).resolves.toBeTruthy();
    expect(
      (await listSummaryYearsForPatient({ userId: payer.userId })).map((a) => a.accountNumber),
    ).toContain("A-1001");
    const year = new Date().getUTCFullYear();
    await expect(
      getYearlySummaryOrThrow({ userId: payer.userId, accountId: ids["A-1001"]!, year }),
    ).resolves.toBeTruthy();
    await expectNotFound(
      getItemizedStatementOrThrow({ viewer: asViewer, statementId: otherAccountStatementId }),
    );
    await expectNotFound(getYearlySummaryOrThrow({ userId: payer.userId, accountId: ids["A-1009"]!, year }));
    // The guarantor's other account and another patient's account stay out of reach.
    await expectNotFound(
      getStatementForPatientOrThrow({ userId: payer.userId, statementId: otherAccountStatementId }),
    );
    await expectNotFound(
      getStatementForPatientOrThrow({ userId: payer.userId, statementId: ids["ST-2001"]! }),
    );
    // Nothing payable, and paying is refused as for a stranger.
    expect(await listPayableStatementsForPatient({ userId: payer.userId })).toEqual([]);
    await expectNotFound(
      payBill({
        payer: { kind: "patient", userId: payer.userId, email: payer.email },
        input: payInput("ST-1001"),
        context,
        gateway: createFakeGateway(),
      }),
    );
    // Neither the guarantor's wallet, plans nor autopay.
    expect((await listWalletMethods({ userId: payer.userId })).methods).toEqual([]);
    expect((await getPlanFormOptions(payer.userId)).accounts.map((a) => a.accountNumber)).not.toContain(
      "A-1001",
    );
    expect((await listAutopayAccounts(payer.userId)).map((a) => a.accountNumber)).not.toContain("A-1001");
    await expectNotFound(
      enrollAutopay({
        owner: { kind: "patient", userId: payer.userId, email: payer.email },
        input: {
          accountId: ids["A-1001"]!,
          paymentMethodId: "x",
          limit: 10000,
          consentVersion: "v1",
        } as unknown as TEnrollAutopayInput,
        context,
      }),
    );
  });

  it("PAY: the payer pays with their own card, recorded as theirs; the guarantor sees it; the guarantor's saved methods stay theirs", async () => {
    const { payer } = await payerWith("PAY");
    expect(
      (await listPayableStatementsForPatient({ userId: payer.userId })).map((s) => s.statementNumber).sort(),
    ).toEqual(["ST-1001", "ST-1002"]);
    const asPayer = { kind: "patient" as const, userId: payer.userId, email: payer.email };
    const gateway = createFakeGateway();
    await expectNotFound(
      payBill({
        payer: asPayer,
        input: payInput("ST-1001", { paymentMethodId: guarantorMethodId, token: undefined }),
        context,
        gateway,
      }),
    );
    await expectNotFound(payBill({ payer: asPayer, input: payInput("ST-1009"), context, gateway }));
    const paid = await payBill({ payer: asPayer, input: payInput("ST-1001"), context, gateway });
    const payment = await database.db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } });
    expect(payment).toMatchObject({ payerUserId: payer.userId, accountId: ids["A-1001"], amountCents: 1000 });
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { targetId: paid.paymentId } });
    expect(audit).toMatchObject({ actorUserId: payer.userId, actorLabel: payer.email });
    // Staff's payment page names the login that paid.
    const { id: practiceId } = await database.db.practice.findFirstOrThrow({
      where: { clientId: DEMO.practice.clientId },
    });
    expect(await getPaymentForStaffOrThrow({ practiceId, paymentId: paid.paymentId })).toMatchObject({
      payer: { firstName: "Casey", lastName: "Tester", email: payer.email },
    });
    // Both see the payment and its receipt; a stranger does not.
    for (const userId of [payer.userId, guarantor.userId]) {
      await expect(
        getReceiptOrThrow({ paymentId: paid.paymentId, viewer: { kind: "patient", userId } }),
      ).resolves.toMatchObject({
        paymentId: paid.paymentId,
      });
      expect((await listPaymentHistoryForPatient({ userId })).map((p) => p.paymentId)).toContain(
        paid.paymentId,
      );
    }
    const stranger = await newPayer();
    await expectNotFound(
      getReceiptOrThrow({ paymentId: paid.paymentId, viewer: { kind: "patient", userId: stranger.userId } }),
    );
  });

  it("ends at once when the guarantor revokes it, the payer leaves or staff remove it, and only they may", async () => {
    const gateway = createFakeGateway();
    const lost = async (payer: TActor) => {
      expect(await listStatementsForPatient({ userId: payer.userId })).toEqual([]);
      expect(await listSharedAccounts({ userId: payer.userId })).toEqual([]);
      await expectNotFound(
        getStatementForPatientOrThrow({ userId: payer.userId, statementId: ids["ST-1001"]! }),
      );
      await expectNotFound(
        getItemizedStatementOrThrow({
          viewer: { kind: "patient", userId: payer.userId },
          statementId: ids["ST-1001"]!,
        }),
      );
      await expectNotFound(
        getYearlySummaryOrThrow({
          userId: payer.userId,
          accountId: ids["A-1001"]!,
          year: new Date().getUTCFullYear(),
        }),
      );
      await expectNotFound(
        payBill({
          payer: { kind: "patient", userId: payer.userId, email: payer.email },
          input: payInput("ST-1001"),
          context,
          gateway,
        }),
      );
    };

    const revoked = await payerWith("PAY");
    const paid = await payBill({
      payer: { kind: "patient", userId: revoked.payer.userId, email: revoked.payer.email },
      input: payInput("ST-1002"),
      context,
      gateway,
    });
    // A stranger and the payer cannot revoke as the guarantor; the payer's own leave is theirs only.
    const stranger = await newPayer();
    await expectNotFound(revokeAccess({ actor: stranger, accessId: revoked.accessId, context }));
    await expectNotFound(revokeAccess({ actor: revoked.payer, accessId: revoked.accessId, context }));
    await expectNotFound(leaveAccount({ actor: stranger, accessId: revoked.accessId, context }));
    await revokeAccess({ actor: guarantor, accessId: revoked.accessId, context });
    await lost(revoked.payer);
    await expectNotFound(
      getReceiptOrThrow({
        paymentId: paid.paymentId,
        viewer: { kind: "patient", userId: revoked.payer.userId },
      }),
    );
    // The payment stays, recorded as the payer's.
    expect(await database.db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } })).toMatchObject({
      payerUserId: revoked.payer.userId,
    });
    await expectNotFound(revokeAccess({ actor: guarantor, accessId: revoked.accessId, context }));

    const leaving = await payerWith("VIEW");
    await expectNotFound(leaveAccount({ actor: guarantor, accessId: leaving.accessId, context }));
    await leaveAccount({ actor: leaving.payer, accessId: leaving.accessId, context });
    await lost(leaving.payer);

    const removed = await payerWith("PAY");
    const staffUser = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } });
    const staff = {
      userId: staffUser.id,
      email: staffUser.email,
      role: staffUser.role,
      practiceId: staffUser.practiceId!,
    };
    const elsewhere = await makeOtherPractice(database.db);
    await expectNotFound(
      removeAccessByStaff({ actor: elsewhere.staff, accessId: removed.accessId, context }),
    );
    expect(await listAccessForStaff({ practiceId: elsewhere.practiceId, accountId: ids["A-1001"]! })).toEqual(
      [],
    );
    expect(
      (await listAccessForStaff({ practiceId: staff.practiceId, accountId: ids["A-1001"]! })).map(
        (r) => r.payerEmail,
      ),
    ).toContain(removed.payer.email);
    await removeAccessByStaff({ actor: staff, accessId: removed.accessId, context });
    await lost(removed.payer);

    // The practice's audit log and outbox show the invitation, its acceptance and its end; another practice's do not.
    const practiceId = staff.practiceId;
    const log = (await listAuditLog({ practiceId, pageSize: 500 })).rows.filter(
      (r) => r.targetId === removed.accessId,
    );
    expect(log.map((r) => r.action).sort()).toEqual([
      "account_access.accepted",
      "account_access.invited",
      "account_access.removed_by_staff",
    ]);
    expect((await listOutbox({ practiceId, pageSize: 500 })).rows.map((m) => m.to)).toContain(
      removed.payer.email,
    );
    const elsewhereLog = (await listAuditLog({ practiceId: elsewhere.practiceId, pageSize: 500 })).rows;
    expect(elsewhereLog.filter((r) => r.targetId === removed.accessId)).toEqual([]);
    expect(
      (await listOutbox({ practiceId: elsewhere.practiceId, pageSize: 500 })).rows.map((m) => m.to),
    ).not.toContain(removed.payer.email);

    const actions = await database.db.auditLog.findMany({
      where: { targetId: { in: [revoked.accessId, leaving.accessId, removed.accessId] } },
      select: { action: true, actorUserId: true },
    });
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "account_access.revoked", actorUserId: guarantor.userId },
        { action: "account_access.left", actorUserId: leaving.payer.userId },
        { action: "account_access.removed_by_staff", actorUserId: staff.userId },
      ]),
    );
  });

  it("shows an account the payer has since linked to their own login as theirs, not as shared", async () => {
    const { payer } = await payerWith("VIEW");
    await database.db.accountLink.create({ data: { userId: payer.userId, accountId: ids["A-1001"]! } });
    expect(await listSharedAccounts({ userId: payer.userId })).toEqual([]);
    expect(await getAccountRelation({ userId: payer.userId, accountId: ids["A-1001"]! })).toEqual({
      kind: "guarantor",
    });
    expect(
      (await listStatementsForPatient({ userId: payer.userId })).map((s) => s.statementNumber).sort(),
    ).toEqual(["ST-1001", "ST-1002"]);
  });

  it("lets the guarantor withdraw a pending invitation, and lists what is pending and accepted", async () => {
    const invitee = await newPayer();
    const token = await invite(invitee.email, "VIEW");
    const { payer } = await payerWith("PAY");
    const listed = (await listAccessForGuarantor({ userId: guarantor.userId })).find(
      (a) => a.accountNumber === "A-1001",
    )!;
    expect(listed.access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ inviteeEmail: invitee.email, status: "PENDING", scope: "VIEW" }),
        expect.objectContaining({ payerEmail: payer.email, status: "ACTIVE", scope: "PAY" }),
      ]),
    );
    const pending = listed.access.find((r) => r.inviteeEmail === invitee.email)!;
    await revokeAccess({ actor: guarantor, accessId: pending.accessId, context });
    await expect(acceptInvitation({ actor: invitee, token, context })).rejects.toMatchObject({
      code: "TOKEN_INVALID",
    });
    // The payer does not see the guarantor's list of who has access (it is the guarantor's page).
    expect(await listAccessForGuarantor({ userId: payer.userId })).toEqual([]);
  });
});
