import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation } from "@/lib/access/accept-invitation";
import { invitePayer } from "@/lib/access/invite-payer";
import type { TAccessActor } from "@/lib/access/types";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { enrollAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import { ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { cancelPlan, changePlanMethod, payPlanExtra, skipPlanInstallment } from "@/lib/plans/change-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { getPlanDetail, listPlansForUser } from "@/lib/plans/queries";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { DEMO } from "@/lib/seed/demo-data";
import { latestEmailTo, requestFrom, tokenFromEmailText } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.66");

/**
 * The guarantor oversees every plan and autopay on their account (docs/product.md, "Family
 * members and authorized payers"): one a MANAGE member set up with their own card is on the
 * guarantor's pages as "Set up by <name>", with the card only "a family member's card", and the
 * guarantor may cancel it (recorded as theirs; the member is emailed) but not charge, skip or
 * re-point it. VIEW and PAY members, and other patients, see none of it.
 */
describe("the guarantor and a family member's plans and autopay", () => {
  let guarantor: TAccessActor;
  let gateway: TFakeGateway;
  let accountId: string;
  const statementIds: Record<string, string> = {};

  const asPatient = (m: { userId: string; email: string }) => ({
    kind: "patient" as const,
    userId: m.userId,
    email: m.email,
  });

  const addMethod = async (userId: string, kind: "CARD" | "ACH" = "CARD") => {
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    const method = await database.db.paymentMethod.create({
      data:
        kind === "CARD"
          ? {
              userId,
              kind,
              gatewayToken: stored.id,
              brand: "visa",
              last4: "4242",
              expMonth: 12,
              expYear: 2035,
            }
          : { userId, kind, gatewayToken: stored.id, bankName: "First Bank", last4: "6789" },
    });
    return method.id;
  };

  /** A new patient ("Casey Tester") with `scope` on A-1001, accepted, and a saved method of their own. */
  const memberWith = async (scope: "VIEW" | "PAY" | "MANAGE", kind: "CARD" | "ACH" = "CARD") => {
    const member = await createPatientForTest(database.db, {
      email: `oversight-${randomUUID().slice(0, 8)}@example.com`,
    });
    await invitePayer({ actor: guarantor, input: { accountId, email: member.email, scope }, context });
    const token = tokenFromEmailText((await latestEmailTo(database.db, member.email, "invited you")).text);
    await acceptInvitation({ actor: member, token, context });
    return { ...member, methodId: await addMethod(member.userId, kind) };
  };

  const planBy = async (
    member: { userId: string; email: string; methodId: string },
    statementNumber: string = DEMO.secondStatement.statementNumber,
  ) => {
    const start = new Date(Date.now() + 3 * 24 * 60 * 60_000);
    while (start.getUTCDate() > 28) start.setUTCDate(start.getUTCDate() + 1);
    const input = ZCreatePlanInput.parse({
      statementIds: [statementIds[statementNumber]],
      downPayment: "0.00",
      sizeBy: "count",
      installmentCount: "3",
      frequency: "MONTHLY",
      dayOfMonth: String(start.getUTCDate()),
      startDate: start.toISOString().slice(0, 10),
      paymentMethodId: member.methodId,
      agreementVersion: PLAN_AGREEMENT_VERSION,
      idempotencyKey: randomUUID(),
    });
    return (await createPlan({ owner: asPatient(member), input, context, gateway })).planId;
  };

  const expectNotFound = (promise: Promise<unknown>) =>
    expect(promise).rejects.toMatchObject({ code: "NOT_FOUND" });

  beforeAll(async () => {
    gateway = createFakeGateway();
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    guarantor = { userId: user.id, email: user.email, role: user.role };
    accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    for (const st of await database.db.statement.findMany({ where: { accountId } })) {
      statementIds[st.statementNumber] = st.id;
    }
  });

  beforeEach(async () => {
    setClockForTests(undefined);
    await database.db.rateLimitEvent.deleteMany({ where: { bucket: "mail:payer-invite" } });
  });

  it("the guarantor sees a MANAGE member's plan as set up by them, the card only as a family member's, and may only cancel it", async () => {
    const member = await memberWith("MANAGE");
    const planId = await planBy(member);

    const listed = (await listPlansForUser(guarantor.userId)).find((p) => p.id === planId);
    expect(listed).toMatchObject({ accountNumber: "A-1001", status: "ACTIVE", setUpBy: "Casey Tester" });
    // The member's own list names no one.
    expect((await listPlansForUser(member.userId)).find((p) => p.id === planId)?.setUpBy).toBeNull();

    const detail = await getPlanDetail(asPatient(guarantor), planId);
    expect(detail).toMatchObject({
      setUpBy: "Casey Tester",
      method: { id: "", label: "", familyKind: "CARD" },
      methods: [],
      canSkip: false,
      isCancelOnly: true,
    });
    expect(JSON.stringify(detail)).not.toContain("4242");
    expect(JSON.stringify(detail)).not.toContain(member.methodId);

    // Charging, skipping or re-pointing the member's plan is not the guarantor's to do.
    const actor = asPatient(guarantor);
    const own = await addMethod(guarantor.userId);
    await expectNotFound(changePlanMethod({ actor, planId, paymentMethodId: own, context }));
    await expectNotFound(
      payPlanExtra({ actor, planId, amountCents: 1000, idempotencyKey: randomUUID(), context, gateway }),
    );
    await expectNotFound(skipPlanInstallment({ actor, planId, sequence: 2, context }));

    await cancelPlan({ actor, planId, context });
    expect(await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
      status: "CANCELLED",
      cancelledByUserId: guarantor.userId,
    });
    expect(
      await database.db.auditLog.findFirstOrThrow({ where: { targetId: planId, action: "plan.cancelled" } }),
    ).toMatchObject({ actorUserId: guarantor.userId });
    const email = await latestEmailTo(database.db, member.email, "cancelled");
    expect(email.subject).toBe("Pat Rivera cancelled the payment plan you set up on account A-1001");
    expect(email.text).toContain("will not be charged for it again");
  });

  it("the guarantor sees a MANAGE member's autopay, set up with the member's bank account, and turns it off; the member is told", async () => {
    const member = await memberWith("MANAGE", "ACH");
    const { enrollmentId } = await enrollAutopay({
      owner: asPatient(member),
      input: ZEnrollAutopayInput.parse({
        accountId,
        paymentMethodId: member.methodId,
        limit: "200.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
      gateway,
    });
    const shown = (await listAutopayAccounts(guarantor.userId)).find((a) => a.id === accountId)!;
    expect(shown.autopay).toEqual([
      expect.objectContaining({
        id: enrollmentId,
        setUpBy: "Casey Tester",
        familyKind: "BANK",
        paymentMethod: null,
      }),
    ]);
    // The member sees their own bank account, and no one named.
    const theirs = (await listAutopayAccounts(member.userId)).find((a) => a.id === accountId)!;
    expect(theirs.autopay[0]).toMatchObject({
      setUpBy: null,
      familyKind: null,
      paymentMethod: { last4: "6789" },
    });

    await unenrollAutopay({ actor: asPatient(guarantor), enrollmentId, context });
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } }),
    ).toMatchObject({
      status: "CANCELLED",
      cancelledByUserId: guarantor.userId,
    });
    const email = await latestEmailTo(database.db, member.email, "turned off");
    expect(email.subject).toBe("Pat Rivera turned off autopay you set up on account A-1001");
  });

  it("a member who chose Spanish is told in Spanish that the guarantor cancelled their plan", async () => {
    const member = await memberWith("MANAGE");
    await database.db.user.update({ where: { id: member.userId }, data: { locale: "es" } });
    const planId = await planBy(member);
    await cancelPlan({ actor: asPatient(guarantor), planId, context });
    const email = await latestEmailTo(database.db, member.email, "canceló");
    expect(email.subject).toBe("Pat Rivera canceló el plan de pagos que usted configuró en la cuenta A-1001");
    expect(email.text).toContain(
      "Pat Rivera, garante de la cuenta A-1001 en Riverside Family Medicine, canceló el plan de pagos que usted configuró en ella.",
    );
    expect(email.text).not.toContain("will not be charged");
    expect(email.html).toContain('lang="es"');
  });

  it("VIEW and PAY members, and other patients, neither see nor cancel a member's plan or autopay", async () => {
    const manager = await memberWith("MANAGE");
    const planId = await planBy(manager);
    const viewer = await memberWith("VIEW");
    const payer = await memberWith("PAY");
    const stranger = await createPatientForTest(database.db);
    for (const other of [viewer, payer, stranger]) {
      expect((await listPlansForUser(other.userId)).map((p) => p.id)).not.toContain(planId);
      await expectNotFound(getPlanDetail(asPatient(other), planId));
      await expectNotFound(cancelPlan({ actor: asPatient(other), planId, context }));
      expect((await listAutopayAccounts(other.userId)).map((a) => a.id)).not.toContain(accountId);
    }
    // Nor does the manager see the guarantor's own plans on the account.
    const guarantorsPlan = await planBy(
      { ...guarantor, methodId: await addMethod(guarantor.userId) },
      DEMO.guestStatement.statementNumber,
    );
    expect((await listPlansForUser(manager.userId)).map((p) => p.id)).not.toContain(guarantorsPlan);
    await expectNotFound(getPlanDetail(asPatient(manager), guarantorsPlan));
    expect((await database.db.paymentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      "ACTIVE",
    );
  });
});
