import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation } from "@/lib/access/accept-invitation";
import { invitePayer } from "@/lib/access/invite-payer";
import { getAccountRelation, listAccessForGuarantor, listSharedAccounts } from "@/lib/access/queries";
import type { TAccessActor } from "@/lib/access/types";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { changeAutopay, enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import { ZChangeAutopayInput, ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { cancelPlan, changePlanMethod } from "@/lib/plans/change-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { getPlanFormOptions, listPlansForUser } from "@/lib/plans/queries";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { DEMO } from "@/lib/seed/demo-data";
import { getStatementForPatientOrThrow } from "@/lib/statements/queries";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.62");

/**
 * The MANAGE scope (lib/access/scope.ts): a family member invited to view, pay and manage an
 * account sets up, changes and cancels payment plans and autopay on it, with their own saved
 * methods, each action recorded as theirs; VIEW and PAY members are refused, and a MANAGE member
 * still sees nothing else of the guarantor's and cannot share the account on.
 */
describe("family access with the MANAGE scope", () => {
  let guarantor: TAccessActor;
  let gateway: TFakeGateway;
  let guarantorMethodId: string;
  const ids: Record<string, string> = {};

  /** A new patient with `scope` on A-1001, accepted, and a saved card of their own. */
  const memberWith = async (scope: "VIEW" | "PAY" | "MANAGE") => {
    const member = await createPatientForTest(database.db, {
      email: `member-${randomUUID().slice(0, 8)}@example.com`,
    });
    await invitePayer({
      actor: guarantor,
      input: { accountId: ids["A-1001"]!, email: member.email, scope },
      context,
    });
    const token = tokenFromEmailText((await latestEmailTo(database.db, member.email, "invited you")).text);
    await acceptInvitation({ actor: member, token, context });
    return { ...member, methodId: await addMethod(member.userId) };
  };

  const addMethod = async (userId: string) => {
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    const method = await database.db.paymentMethod.create({
      data: {
        userId,
        kind: "CARD",
        gatewayToken: stored.id,
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: 2035,
      },
    });
    return method.id;
  };

  /** Plan terms on `statement`: $50.00 down, the rest in 3 monthly installments from a day within the next weeks. */
  const planInput = (statement: string, paymentMethodId: string) => {
    const start = new Date(Date.now() + 3 * 24 * 60 * 60_000);
    // A day of the month every month has.
    while (start.getUTCDate() > 28) start.setUTCDate(start.getUTCDate() + 1);
    return ZCreatePlanInput.parse({
      statementIds: [ids[statement]],
      downPayment: "50.00",
      sizeBy: "count",
      installmentCount: "3",
      frequency: "MONTHLY",
      dayOfMonth: String(start.getUTCDate()),
      startDate: start.toISOString().slice(0, 10),
      paymentMethodId,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      idempotencyKey: randomUUID(),
    });
  };

  const enrolInput = (accountId: string, paymentMethodId: string) =>
    ZEnrollAutopayInput.parse({
      accountId,
      paymentMethodId,
      limit: "200.00",
      consentVersion: AUTOPAY_CONSENT_VERSION,
      accept: "yes",
    });

  const asPatient = (m: { userId: string; email: string }) => ({
    kind: "patient" as const,
    userId: m.userId,
    email: m.email,
  });

  const expectNotFound = (promise: Promise<unknown>) =>
    expect(promise).rejects.toMatchObject({ code: "NOT_FOUND" });

  const auditOf = (targetId: string, action: string) =>
    database.db.auditLog.findFirstOrThrow({ where: { targetId, action } });

  beforeAll(async () => {
    gateway = createFakeGateway();
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    guarantor = { userId: user.id, email: user.email, role: user.role };
    for (const a of await database.db.account.findMany({ select: { id: true, accountNumber: true } })) {
      ids[a.accountNumber] = a.id;
    }
    for (const s of await database.db.statement.findMany({ select: { id: true, statementNumber: true } })) {
      ids[s.statementNumber] = s.id;
    }
    // A second account of the guarantor's, never shared.
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
            amountDueCents: 50000, // $500.00
            balanceCents: 50000, // $500.00
            patientFirstName: "Pat",
            patientLastName: "Rivera",
            patientDob: new Date("1980-01-01T00:00:00Z"),
          },
        },
      },
      include: { statements: true },
    });
    ids["A-1009"] = other.id;
    ids["ST-1009"] = other.statements[0]!.id;
    guarantorMethodId = await addMethod(guarantor.userId);
  });

  beforeEach(async () => {
    setClockForTests(undefined);
    await database.db.rateLimitEvent.deleteMany({ where: { bucket: "mail:payer-invite" } });
  });

  it("labels the shared account and offers it in the plan and autopay forms, without the guarantor's methods", async () => {
    const member = await memberWith("MANAGE");
    expect(await listSharedAccounts({ userId: member.userId })).toMatchObject([
      {
        accountNumber: "A-1001",
        scope: "MANAGE",
        label: "Pat Rivera's account — you can view, pay and manage",
      },
    ]);
    const options = await getPlanFormOptions(member.userId);
    expect(options.accounts.map((a) => a.accountNumber)).toEqual(["A-1001"]);
    expect(options.methods.map((m) => m.id)).toEqual([member.methodId]);
    expect((await listAutopayAccounts(member.userId)).map((a) => a.accountNumber)).toEqual(["A-1001"]);
  });

  it("a MANAGE member sets up, changes and cancels a plan on the shared account with their own methods, recorded as theirs", async () => {
    const member = await memberWith("MANAGE");
    // The guarantor's saved method is not theirs to use: the same "not found" as a missing one.
    await expectNotFound(
      createPlan({ owner: member, input: planInput("ST-1002", guarantorMethodId), context, gateway }),
    );
    const made = await createPlan({
      owner: member,
      input: planInput("ST-1002", member.methodId),
      context,
      gateway,
    });
    const plan = await database.db.paymentPlan.findUniqueOrThrow({ where: { id: made.planId } });
    expect(plan).toMatchObject({
      userId: member.userId,
      accountId: ids["A-1001"],
      paymentMethodId: member.methodId,
    });
    expect(await auditOf(made.planId, "plan.created")).toMatchObject({ actorUserId: member.userId });
    const downPayment = await database.db.payment.findUniqueOrThrow({
      where: { id: made.downPayment!.paymentId },
    });
    expect(downPayment).toMatchObject({ payerUserId: member.userId, amountCents: 5000 }); // $50.00
    expect((await listPlansForUser(member.userId)).map((p) => p.id)).toEqual([made.planId]);

    const actor = asPatient(member);
    await expectNotFound(
      changePlanMethod({ actor, planId: made.planId, paymentMethodId: guarantorMethodId, context }),
    );
    const second = await addMethod(member.userId);
    await changePlanMethod({ actor, planId: made.planId, paymentMethodId: second, context });
    expect(await auditOf(made.planId, "plan.method_changed")).toMatchObject({ actorUserId: member.userId });

    await cancelPlan({ actor, planId: made.planId, context });
    expect(await database.db.paymentPlan.findUniqueOrThrow({ where: { id: made.planId } })).toMatchObject({
      status: "CANCELLED",
      createdByUserId: member.userId,
      cancelledByUserId: member.userId,
    });
    expect(await auditOf(made.planId, "plan.cancelled")).toMatchObject({
      actorUserId: member.userId,
      actorLabel: member.email,
    });
  });

  it("a MANAGE member turns autopay on, changes and cancels it with their own methods, recorded as theirs", async () => {
    const member = await memberWith("MANAGE");
    await expectNotFound(
      enrollAutopay({
        owner: asPatient(member),
        input: enrolInput(ids["A-1001"]!, guarantorMethodId),
        context,
        gateway,
      }),
    );
    const { enrollmentId } = await enrollAutopay({
      owner: asPatient(member),
      input: enrolInput(ids["A-1001"]!, member.methodId),
      context,
      gateway,
    });
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } }),
    ).toMatchObject({
      userId: member.userId,
      paymentMethodId: member.methodId,
      status: "ACTIVE",
    });
    expect(await auditOf(enrollmentId, "autopay.enrolled")).toMatchObject({ actorUserId: member.userId });

    const second = await addMethod(member.userId);
    const change = (paymentMethodId: string) =>
      changeAutopay({
        owner: asPatient(member),
        input: ZChangeAutopayInput.parse({
          enrollmentId,
          paymentMethodId,
          limit: "300.00",
          consentVersion: AUTOPAY_CONSENT_VERSION,
          accept: "yes",
        }),
        context,
        gateway,
      });
    await expectNotFound(change(guarantorMethodId));
    await change(second);
    expect(await auditOf(enrollmentId, "autopay.changed")).toMatchObject({ actorUserId: member.userId });

    await unenrollAutopay({ actor: asPatient(member), enrollmentId, context });
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } }),
    ).toMatchObject({
      status: "CANCELLED",
      userId: member.userId,
      cancelledByUserId: member.userId,
    });
    expect(await auditOf(enrollmentId, "autopay.unenrolled")).toMatchObject({ actorUserId: member.userId });

    // The guarantor's own enrolment shows the member that autopay is on, but not the guarantor's method.
    const mine = await enrollAutopay({
      owner: asPatient(guarantor),
      input: enrolInput(ids["A-1001"]!, guarantorMethodId),
      context,
      gateway,
    });
    const shown = (await listAutopayAccounts(member.userId)).find((a) => a.id === ids["A-1001"])!;
    expect(shown).toMatchObject({
      isShared: true,
      autopay: [{ id: mine.enrollmentId, paymentMethod: null }],
    });
    const forGuarantor = (await listAutopayAccounts(guarantor.userId)).find((a) => a.id === ids["A-1001"])!;
    expect(forGuarantor.autopay[0]!.paymentMethod?.id).toBe(guarantorMethodId);
    await unenrollAutopay({ actor: asPatient(guarantor), enrollmentId: mine.enrollmentId, context });
  });

  it("refuses plans and autopay to VIEW and PAY members, on the server", async () => {
    const guarantorsEnrolment = await enrollAutopay({
      owner: asPatient(guarantor),
      input: enrolInput(ids["A-1001"]!, guarantorMethodId),
      context,
      gateway,
    });
    for (const scope of ["VIEW", "PAY"] as const) {
      const member = await memberWith(scope);
      await expectNotFound(
        createPlan({ owner: member, input: planInput("ST-1002", member.methodId), context, gateway }),
      );
      await expectNotFound(
        enrollAutopay({
          owner: asPatient(member),
          input: enrolInput(ids["A-1001"]!, member.methodId),
          context,
          gateway,
        }),
      );
      await expectNotFound(
        unenrollAutopay({
          actor: asPatient(member),
          enrollmentId: guarantorsEnrolment.enrollmentId,
          context,
        }),
      );
      expect((await getPlanFormOptions(member.userId)).accounts).toEqual([]);
      expect(await listAutopayAccounts(member.userId)).toEqual([]);
    }
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({
        where: { id: guarantorsEnrolment.enrollmentId },
      }),
    ).toMatchObject({ status: "ACTIVE" });
    await unenrollAutopay({
      actor: asPatient(guarantor),
      enrollmentId: guarantorsEnrolment.enrollmentId,
      context,
    });
  });

  it("a MANAGE member is a stranger to the guarantor's other accounts, saved methods and sharing", async () => {
    const member = await memberWith("MANAGE");
    await expectNotFound(
      createPlan({ owner: member, input: planInput("ST-1009", member.methodId), context, gateway }),
    );
    await expectNotFound(
      enrollAutopay({
        owner: asPatient(member),
        input: enrolInput(ids["A-1009"]!, member.methodId),
        context,
        gateway,
      }),
    );
    await expectNotFound(
      getStatementForPatientOrThrow({ userId: member.userId, statementId: ids["ST-1009"]! }),
    );
    expect(await getAccountRelation({ userId: member.userId, accountId: ids["A-1009"]! })).toBeNull();
    expect((await listWalletMethods({ userId: member.userId })).methods.map((m) => m.id)).toEqual([
      member.methodId,
    ]);
    // Sharing the account on stays with the guarantor.
    await expectNotFound(
      invitePayer({
        actor: member,
        input: { accountId: ids["A-1001"]!, email: "someone@example.com", scope: "VIEW" },
        context,
      }),
    );
    expect(await listAccessForGuarantor({ userId: member.userId })).toEqual([]);
  });
});
