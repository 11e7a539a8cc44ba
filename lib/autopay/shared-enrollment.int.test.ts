import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { changeAutopay, unenrollAutopay } from "@/lib/autopay/enrollment";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import { chargeDueAutopay, sendAutopayReminders } from "@/lib/autopay/run-autopay";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { ZChangeAutopayInput } from "@/lib/autopay/schemas";
import type { TActingUser } from "@/lib/audit/actor";
import { createFakeGateway } from "@/lib/gateway/fake";
import { DEMO } from "@/lib/seed/demo-data";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.72");

type TPatientActor = Extract<TActingUser, { kind: "patient" }>;

/**
 * Autopay on an account is the account's, whoever set it up: every patient linked to the account
 * sees it, may turn it off, or give it new terms with their own method (it is then theirs).
 */
describe("autopay set up by someone else on the account", () => {
  let pat: TPatientActor;
  let partner: TPatientActor;
  let stranger: TPatientActor;
  let accountId: string;

  const patient = async (linkTo?: string): Promise<TPatientActor> => {
    const user = await database.db.user.create({
      data: { email: `p-${randomUUID()}@example.com`, role: "PATIENT", firstName: "P", lastName: "Q" },
    });
    if (linkTo) await database.db.accountLink.create({ data: { userId: user.id, accountId: linkTo } });
    return { kind: "patient", userId: user.id, email: user.email };
  };

  /** What a batch enrolment file leaves: an account-only bank method and an enrolment with no login. */
  const fileEnrolment = async () => {
    const method = await database.db.paymentMethod.create({
      data: { accountId, kind: "ACH", gatewayToken: `pm_${randomUUID()}`, last4: "6789" },
    });
    return database.db.autopayEnrollment.create({
      data: {
        accountId,
        paymentMethodId: method.id,
        limitCents: 30000,
        source: "FILE",
        consentText: "The practice obtained the authorisation.",
        consentVersion: "file-1",
        consentedAt: new Date(),
      },
    });
  };

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email };
    accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    partner = await patient(accountId);
    stranger = await patient();
  });

  it("shows the practice's file enrolment to the account's patients, and lets one of them turn it off", async () => {
    const enrolment = await fileEnrolment();
    const shown = (await listAutopayAccounts(pat.userId)).find((a) => a.id === accountId);
    expect(shown?.autopay).toEqual([
      expect.objectContaining({ id: enrolment.id, userId: null, source: "FILE", limitCents: 30000 }),
    ]);
    expect(shown?.autopay[0]?.paymentMethod).toMatchObject({ kind: "ACH", last4: "6789" });

    await expect(
      unenrollAutopay({ actor: stranger, enrollmentId: enrolment.id, context }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await unenrollAutopay({ actor: pat, enrollmentId: enrolment.id, context });
    expect(
      (await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrolment.id } })).status,
    ).toBe("CANCELLED");
    expect((await listAutopayAccounts(pat.userId)).find((a) => a.id === accountId)?.autopay).toEqual([]);
  });

  it("makes it the patient's own when they give it new terms with their own method", async () => {
    const enrolment = await fileEnrolment();
    const own = await database.db.paymentMethod.create({
      data: {
        userId: partner.userId,
        kind: "CARD",
        gatewayToken: `pm_${randomUUID()}`,
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: 2030,
      },
    });
    const change = (actor: TPatientActor, paymentMethodId: string) =>
      changeAutopay({
        owner: actor,
        input: ZChangeAutopayInput.parse({
          enrollmentId: enrolment.id,
          paymentMethodId,
          limit: "150.00",
          consentVersion: AUTOPAY_CONSENT_VERSION,
          accept: "yes",
        }),
        context,
      });
    // Nobody may put the practice's (or anyone else's) method under their own consent.
    await expect(change(partner, enrolment.paymentMethodId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await change(partner, own.id);
    expect(
      await database.db.autopayEnrollment.findUniqueOrThrow({ where: { id: enrolment.id } }),
    ).toMatchObject({
      status: "ACTIVE",
      userId: partner.userId,
      source: "WEB",
      paymentMethodId: own.id,
      limitCents: 15000,
      consentVersion: AUTOPAY_CONSENT_VERSION,
      consentIp: "203.0.113.72",
    });
    // The other patient on the account sees it, now set up by the partner, and may turn it off.
    const shown = (await listAutopayAccounts(pat.userId)).find((a) => a.id === accountId);
    expect(shown?.autopay[0]).toMatchObject({ id: enrolment.id, userId: partner.userId });
    await unenrollAutopay({ actor: pat, enrollmentId: enrolment.id, context });
  });

  it("emails the account's address about a file enrolment, which has no patient login to write to", async () => {
    const address = `account-${randomUUID()}@example.com`;
    await database.db.account.update({ where: { id: accountId }, data: { email: address } });
    setClockForTests(fixedClock(new Date("2026-03-10T14:00:00Z")));
    const enrolment = await fileEnrolment();
    const statement = (cents: number, dueDate: string) =>
      database.db.statement.create({
        data: {
          accountId,
          statementNumber: `ST-SH-${randomUUID().slice(0, 8)}`,
          statementDate: new Date("2026-03-10T00:00:00Z"),
          dueDate: new Date(`${dueDate}T00:00:00Z`),
          amountDueCents: cents,
          balanceCents: cents,
          patientFirstName: "Pat",
          patientLastName: "Example",
          patientDob: new Date("1980-01-01T00:00:00Z"),
        },
      });
    await statement(12000, "2026-03-12"); // $120.00, under the $300.00 limit, charged in two days
    await statement(45000, "2026-03-20"); // $450.00: over it
    await sendAutopayReminders({ now: new Date("2026-03-10T14:00:00Z") });
    const mail = await database.db.outboxEmail.findMany({
      where: { to: address },
      select: { subject: true },
    });
    expect(mail.map((m) => m.subject).sort()).toEqual([
      "Autopay: $120.00 will be charged on Mar 12, 2026",
      expect.stringMatching(/^Autopay: statement ST-SH-\w+ is above your limit and will not be charged$/),
    ]);
    await unenrollAutopay({ actor: pat, enrollmentId: enrolment.id, context });
  });

  it("writes a file enrolment's emails in the saved language of the account's login with its address, else the first linked", async () => {
    // The partner chose Spanish, and the account's address (from the practice's file) is theirs.
    await database.db.user.update({ where: { id: partner.userId }, data: { locale: "es" } });
    await database.db.account.update({ where: { id: accountId }, data: { email: partner.email } });
    const now = new Date("2026-03-10T14:00:00Z");
    setClockForTests(fixedClock(now));
    const enrolment = await fileEnrolment();
    try {
      const statement = await database.db.statement.create({
        data: {
          accountId,
          statementNumber: `ST-ES-${randomUUID().slice(0, 8)}`,
          statementDate: new Date("2026-03-10T00:00:00Z"),
          dueDate: new Date("2026-03-12T00:00:00Z"),
          amountDueCents: 12000, // $120.00
          balanceCents: 12000,
          patientFirstName: "Pat",
          patientLastName: "Example",
          patientDob: new Date("1980-01-01T00:00:00Z"),
        },
      });
      await sendAutopayReminders({ now });
      const reminder = await database.db.outboxEmail.findFirstOrThrow({ where: { to: partner.email } });
      expect(reminder.subject).toBe("Pago automático: se cobrarán $120.00 el 12 mar 2026");
      expect(reminder.text).toContain("con Cuenta bancaria ••6789 el 12 mar 2026.");
      expect(reminder.html).toContain('lang="es"');

      // The charge's own emails read the language in SQL (loadCharge): the method is unknown to
      // this gateway, so the charge fails and the account's address is told, in Spanish.
      const due = new Date("2026-03-12T14:00:00Z");
      setClockForTests(fixedClock(due));
      expect((await chargeDueAutopay({ now: due, gateway: createFakeGateway() })).FAILED).toBe(1);
      const failed = await database.db.outboxEmail.findFirstOrThrow({
        where: { to: partner.email, id: { not: reminder.id } },
      });
      expect(failed.subject).toBe("Pago automático: se rechazó el cobro de $120.00");
      expect(failed.text).toContain(`del estado de cuenta ${statement.statementNumber}`);

      // An address no login has: the first linked login's language (the demo patient's, now Spanish;
      // the partner's goes back to none). The test above has it English, as no one chose.
      await database.db.user.update({ where: { id: partner.userId }, data: { locale: null } });
      await database.db.user.update({ where: { id: pat.userId }, data: { locale: "es" } });
      await database.db.account.update({
        where: { id: accountId },
        data: { email: "front-desk@example.com" },
      });
      await database.db.autopayCharge.deleteMany({ where: { enrollmentId: enrolment.id } });
      setClockForTests(fixedClock(now));
      await sendAutopayReminders({ now });
      const first = await database.db.outboxEmail.findFirstOrThrow({
        where: { to: "front-desk@example.com" },
      });
      expect(first.subject).toBe("Pago automático: se cobrarán $120.00 el 12 mar 2026");
    } finally {
      await database.db.user.updateMany({
        where: { id: { in: [partner.userId, pat.userId] } },
        data: { locale: null },
      });
      await unenrollAutopay({ actor: pat, enrollmentId: enrolment.id, context });
    }
  });

  afterAll(() => setClockForTests(undefined));
});
