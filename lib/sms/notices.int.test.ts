import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TStaffActor } from "@/lib/auth/session";
import { AUTOPAY_CONSENT_VERSION } from "@/lib/autopay/consent";
import { enrollAutopay } from "@/lib/autopay/enrollment";
import { chargeDueAutopay, sendAutopayReminders } from "@/lib/autopay/run-autopay";
import { ZEnrollAutopayInput } from "@/lib/autopay/schemas";
import { fixedClock, setClockForTests } from "@/lib/clock";
import { createFakeGateway, type TFakeGateway } from "@/lib/gateway/fake";
import { PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import type { TPlanActor } from "@/lib/plans/access";
import { createPlan } from "@/lib/plans/create-plan";
import { chargeDueInstallments, sendPlanReminders } from "@/lib/plans/run-plans";
import { ZCreatePlanInput } from "@/lib/plans/schemas";
import { recordPhoneConsent } from "@/lib/profile/record-phone-consent";
import { ZPreferencesInput, ZRecordPhoneConsentInput } from "@/lib/profile/schemas";
import { updatePreferences } from "@/lib/profile/update-preferences";
import { DEMO } from "@/lib/seed/demo-data";
import { SMS_CONSENT } from "@/lib/sms/consent-text";
import { handleInboundSms } from "@/lib/sms/handle-inbound";
import { setSmsProviderForTests } from "@/lib/sms/provider";
import { smsSegments } from "@/lib/sms/segments";
import { sendDueSms } from "@/lib/sms/sender";
import type { TSmsProvider } from "@/lib/sms/types";
import { requestFrom } from "@/lib/test/fixtures";
import { makeOtherPractice } from "@/lib/test/other-practice";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.61");
/** An instant in New York (the practice's zone; EDT from 2026-03-08). */
const nyTime = (iso: string) => new Date(`${iso}-04:00`);
/** Noon in New York the day the reminders go: outside quiet hours. */
const NOON = nyTime("2026-03-12T12:00:00");

let phoneSeq = 0;
/** A number of its own for each test ("267555" + 4 digits). */
const newPhone = () => `267556${String(1000 + phoneSeq++).padStart(4, "0")}`;

describe("plan and autopay notices by text, and consent recorded by staff", () => {
  let gateway: TFakeGateway;
  let clock: ReturnType<typeof fixedClock>;
  let pat: Extract<TPlanActor, { kind: "patient" }> & { role: "PATIENT"; name: string };
  let clerk: TStaffActor;
  let methodId: string;
  let gatewayMethodId: string;
  let st1002: string;
  let sent: { to: string; body: string }[];

  const provider: TSmsProvider = {
    send: async ({ to, body }) => {
      sent.push({ to, body });
      return { sid: `SM${randomUUID()}` };
    },
  };

  /** Pat's texting preferences: opted in at `phone` (consent on record), reminders by text or not. */
  const texting = (phone: string, { smsReminders }: { smsReminders: boolean }) =>
    updatePreferences({
      actor: pat,
      preferences: ZPreferencesInput.parse({
        emailReceipts: "on",
        paymentReminders: "on",
        smsOptIn: "on",
        smsPhone: phone,
        smsReminders: smsReminders ? "on" : undefined,
      }),
      context,
    });

  const plan = () =>
    createPlan({
      owner: pat,
      input: ZCreatePlanInput.parse({
        statementIds: [st1002],
        downPayment: "",
        sizeBy: "count",
        installmentCount: "4",
        frequency: "MONTHLY",
        dayOfMonth: "15",
        startDate: "2026-03-15",
        paymentMethodId: methodId,
        agreementVersion: PLAN_AGREEMENT_VERSION,
        idempotencyKey: randomUUID(),
      }),
      context,
      gateway,
    });

  /** The notices made due to a number, and sends what is still due at noon (quiet hours apart). */
  const noticesTo = async (phone: string) => {
    const rows = await database.db.smsMessage.findMany({
      where: {
        to: phone,
        kind: { in: ["PLAN_REMINDER", "PLAN_DECLINED", "AUTOPAY_REMINDER", "AUTOPAY_DECLINED"] },
      },
      orderBy: { createdAt: "asc" },
    });
    for (const r of rows) if (r.status === "DUE") await sendDueSms({ id: r.id, now: () => NOON });
    return rows;
  };
  const textsTo = (phone: string) => sent.filter((t) => t.to === `+1${phone}`).map((t) => t.body);

  beforeAll(async () => {
    const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.patient.email } });
    pat = { kind: "patient", userId: user.id, email: user.email, role: "PATIENT", name: "Pat" };
    const staff = await database.db.user.findUniqueOrThrow({ where: { email: DEMO.clerk.email } });
    clerk = {
      userId: staff.id,
      email: staff.email,
      role: staff.role,
      name: "Clerk",
      practiceId: staff.practiceId!,
    };
    st1002 = (await database.db.statement.findUniqueOrThrow({ where: { statementNumber: "ST-1002" } })).id;
  });

  beforeEach(async () => {
    sent = [];
    setSmsProviderForTests(provider);
    gateway = createFakeGateway();
    clock = fixedClock(nyTime("2026-03-10T10:00:00"));
    setClockForTests(clock);
    await database.db.autopayCharge.deleteMany();
    await database.db.autopayEnrollment.deleteMany();
    await database.db.installment.deleteMany();
    await database.db.paymentPlan.deleteMany();
    await database.db.integrationEvent.deleteMany();
    await database.db.paymentEvent.deleteMany();
    await database.db.paymentAllocation.deleteMany();
    await database.db.payment.deleteMany();
    await database.db.paymentMethod.deleteMany();
    await database.db.statement.deleteMany({ where: { statementNumber: { startsWith: "ST-TX-" } } });
    await database.db.statement.update({
      where: { statementNumber: "ST-1002" },
      data: { balanceCents: 89000, status: "OPEN" },
    }); // $890.00
    const stored = await gateway.storePaymentMethod({
      token: "tok_ok_visa_4242",
      idempotencyKey: randomUUID(),
    });
    gatewayMethodId = stored.id;
    methodId = (
      await database.db.paymentMethod.create({
        data: {
          userId: pat.userId,
          kind: "CARD",
          gatewayToken: stored.id,
          brand: "visa",
          last4: "4242",
          expMonth: 12,
          expYear: 2030,
          isDefault: true,
        },
      })
    ).id;
  });

  afterAll(() => {
    setClockForTests(undefined);
    setSmsProviderForTests(undefined);
  });

  const remindAt = (iso: string) => {
    clock.set(nyTime(iso));
    return sendPlanReminders({ now: clock.now() });
  };

  it("texts a plan reminder to a patient who opted in and chose reminders by text: short, the practice's name, no card number, STOP", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    await plan();
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    const [notice, ...more] = await noticesTo(phone);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: "PLAN_REMINDER", userId: pat.userId, isReply: false });
    expect(textsTo(phone).filter((t) => !t.includes("signed up"))).toEqual([
      "Riverside Family Medicine: your payment plan installment of $222.50 for account A-1001 will be charged on Mar 15, 2026. Reply STOP to opt out.",
    ]);
    expect(notice!.body).not.toContain("4242");
    expect(notice!.body.length).toBeLessThanOrEqual(160);
  });

  it("writes a patient who chose Spanish the plan reminder in Spanish, by email (both parts) and by text, in one GSM-7 segment", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    await database.db.user.update({ where: { id: pat.userId }, data: { locale: "es" } });
    try {
      await plan();
      await database.db.outboxEmail.deleteMany();
      await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
      const [notice] = await noticesTo(phone);
      expect(textsTo(phone).filter((t) => t.includes("cuota"))).toEqual([
        "Riverside Family Medicine: la cuota de $222.50 de su plan de pagos de la cuenta A-1001 se cobra el 15 mar 2026. Responda STOP para cancelar.",
      ]);
      expect(smsSegments(notice!.body)).toEqual({ encoding: "GSM-7", segments: 1 });

      const [email, ...more] = await database.db.outboxEmail.findMany({ where: { to: DEMO.patient.email } });
      expect(more).toEqual([]);
      expect(email!.subject).toBe("Plan de pagos: se cobrarán $222.50 el 15 mar 2026");
      for (const part of [email!.text, email!.html!]) {
        expect(part).toContain(
          "Le recordamos que la cuota de $222.50 de su plan de pagos de la cuenta A-1001 se cobrará con Visa ••4242 el 15 mar 2026.",
        );
        expect(part).not.toContain("This is a reminder");
      }
      expect(email!.html).toContain('<html dir="ltr" lang="es">');
      expect(email!.html).toContain(">Ver sus planes de pagos<");
    } finally {
      await database.db.user.update({ where: { id: pat.userId }, data: { locale: null } });
    }
  });

  it("answers HELP, STOP and START from a Spanish patient's number in Spanish, and the opt-in's confirmation too", async () => {
    const phone = newPhone();
    await database.db.user.update({ where: { id: pat.userId }, data: { locale: "es" } });
    try {
      await texting(phone, { smsReminders: false });
      for (const body of ["HELP", "STOP", "START"]) {
        const { replyIds } = await handleInboundSms({
          messageSid: `SM${randomUUID()}`,
          from: `+1${phone}`,
          body,
        });
        for (const id of replyIds) await sendDueSms({ id, now: () => NOON });
      }
      const texts = textsTo(phone);
      expect(texts).toHaveLength(4);
      expect(texts[0]).toMatch(/^Riverside Family Medicine: se ha inscrito para recibir mensajes de texto/);
      expect(texts[1]).toMatch(
        /^Riverside Family Medicine: mensajes de texto sobre sus facturas\. Para ayuda, llame al /,
      );
      expect(texts[2]).toBe(
        "Riverside Family Medicine: se ha dado de baja y ya no le enviaremos mensajes de texto. Responda START para volver a inscribirse.",
      );
      expect(texts[3]).toBe(texts[0]);
      for (const text of texts) expect(smsSegments(text).encoding).toBe("GSM-7");
    } finally {
      await database.db.user.update({ where: { id: pat.userId }, data: { locale: null } });
    }
  });

  it("keeps a patient who chose English in English, by email and by text", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    await database.db.user.update({ where: { id: pat.userId }, data: { locale: "en" } });
    try {
      await plan();
      await database.db.outboxEmail.deleteMany();
      await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
      await noticesTo(phone);
      expect(textsTo(phone).filter((t) => t.includes("installment"))).toEqual([
        "Riverside Family Medicine: your payment plan installment of $222.50 for account A-1001 will be charged on Mar 15, 2026. Reply STOP to opt out.",
      ]);
      const [email] = await database.db.outboxEmail.findMany({ where: { to: DEMO.patient.email } });
      expect(email!.subject).toBe("Payment plan: $222.50 will be charged on Mar 15, 2026");
      expect(email!.html).toContain('<html dir="ltr" lang="en">');
    } finally {
      await database.db.user.update({ where: { id: pat.userId }, data: { locale: null } });
    }
  });

  it("texts nothing to a patient who did not choose reminders by text, nor to one who sent STOP; the email goes", async () => {
    const quiet = newPhone();
    await texting(quiet, { smsReminders: false });
    await plan();
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    expect(await noticesTo(quiet)).toEqual([]);

    await database.db.installment.deleteMany();
    await database.db.paymentPlan.deleteMany();
    const stopped = newPhone();
    await texting(stopped, { smsReminders: true });
    await handleInboundSms({ messageSid: `SM${randomUUID()}`, from: `+1${stopped}`, body: "STOP" });
    await plan();
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    expect(await noticesTo(stopped)).toEqual([]);
    expect(textsTo(stopped).some((t) => t.includes("installment"))).toBe(false);
  });

  it("a reminder job run again texts once: the text is keyed by its installment", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    await plan();
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    // As if the mark were lost and the job picked the same installment again (a retry).
    await database.db.installment.updateMany({ data: { remindedOn: null } });
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    expect(await noticesTo(phone)).toHaveLength(1);
    expect(textsTo(phone).filter((t) => t.includes("will be charged"))).toHaveLength(1);
  });

  it("texts a declined installment once per attempt, with when it is tried again", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    await plan();
    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_insufficient_funds";
    clock.set(nyTime("2026-03-15T08:00:00"));
    await expect(chargeDueInstallments({ now: clock.now(), gateway })).resolves.toMatchObject({ FAILED: 1 });
    await expect(chargeDueInstallments({ now: clock.now(), gateway })).resolves.toMatchObject({ FAILED: 0 });
    const notices = await noticesTo(phone);
    expect(notices.map((n) => n.kind)).toEqual(["PLAN_DECLINED"]);
    expect(textsTo(phone).filter((t) => t.includes("declined"))).toEqual([
      "Riverside Family Medicine: your payment plan installment of $222.50 for account A-1001 was declined. We will try again on Mar 18, 2026; please check your payment method. Reply STOP to opt out.",
    ]);
  });

  it("texts an autopay reminder once and a declined autopay charge once", async () => {
    const phone = newPhone();
    await texting(phone, { smsReminders: true });
    const accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    await enrollAutopay({
      owner: pat,
      input: ZEnrollAutopayInput.parse({
        accountId,
        paymentMethodId: methodId,
        limit: "500.00",
        consentVersion: AUTOPAY_CONSENT_VERSION,
        accept: "yes",
      }),
      context,
    });
    await database.db.statement.create({
      data: {
        accountId,
        statementNumber: `ST-TX-${randomUUID().slice(0, 8)}`,
        statementDate: new Date("2026-03-06T00:00:00Z"),
        dueDate: new Date("2026-03-20T00:00:00Z"),
        amountDueCents: 4500, // $45.00
        balanceCents: 4500, // $45.00
        patientFirstName: "Pat",
        patientLastName: "Example",
        patientDob: new Date("1980-01-01T00:00:00Z"),
      },
    });
    clock.set(nyTime("2026-03-17T09:00:00"));
    await expect(sendAutopayReminders({ now: clock.now() })).resolves.toEqual({ reminded: 1 });
    await database.db.autopayCharge.updateMany({ data: { remindedOn: null } }); // picked again
    await expect(sendAutopayReminders({ now: clock.now() })).resolves.toEqual({ reminded: 1 });

    gateway.storedMethods.get(gatewayMethodId)!.token = "tok_decline_insufficient_funds";
    clock.set(nyTime("2026-03-20T10:00:00"));
    await expect(chargeDueAutopay({ now: clock.now(), gateway })).resolves.toMatchObject({ FAILED: 1 });
    await expect(chargeDueAutopay({ now: clock.now(), gateway })).resolves.toMatchObject({ FAILED: 0 });
    expect((await noticesTo(phone)).map((n) => n.kind)).toEqual(["AUTOPAY_REMINDER", "AUTOPAY_DECLINED"]);
    expect(textsTo(phone).filter((t) => !t.includes("signed up"))).toEqual([
      "Riverside Family Medicine: autopay will charge $45.00 for account A-1001 on Mar 20, 2026. Reply STOP to opt out.",
      "Riverside Family Medicine: autopay could not charge $45.00 for account A-1001, and will not try again. Please pay it in the portal. Reply STOP to opt out.",
    ]);
  });

  it("staff record a consent given by phone: append-only, with the time, text version, source STAFF and who recorded it; audited", async () => {
    const phone = newPhone();
    // Pat texts this number but is opted out: the staff's record turns texts on.
    await texting(phone, { smsReminders: true });
    await handleInboundSms({ messageSid: `SM${randomUUID()}`, from: `+1${phone}`, body: "STOP" });
    const accountId = (await database.db.account.findFirstOrThrow({ where: { accountNumber: "A-1001" } })).id;
    const before = new Date();
    const { consentId } = await recordPhoneConsent({
      actor: clerk,
      input: ZRecordPhoneConsentInput.parse({
        accountId,
        phone: `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`,
        isAgreed: "on",
      }),
      context,
    });
    const consents = await database.db.smsConsent.findMany({
      where: { phone },
      orderBy: { createdAt: "asc" },
    });
    expect(consents.map((c) => [c.source, c.isOptedIn])).toEqual([
      ["WEB", true],
      ["KEYWORD", false],
      ["STAFF", true],
    ]);
    expect(consents.at(-1)).toMatchObject({
      id: consentId,
      userId: pat.userId,
      recordedByUserId: clerk.userId,
      textVersion: SMS_CONSENT.version,
      text: SMS_CONSENT.textFor("Riverside Family Medicine"), // A-1001's practice, which the consent names
    });
    expect(consents.at(-1)!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: pat.userId } })).smsOptIn).toBe(true);
    const audit = await database.db.auditLog.findFirstOrThrow({
      where: { action: "sms.consent_recorded", actorUserId: clerk.userId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ targetType: "Account", targetId: accountId });
    expect(audit.metadata).toMatchObject({ consentId, source: "STAFF", consentVersion: SMS_CONSENT.version });
    expect(JSON.stringify(audit.metadata)).not.toContain(phone);

    // And the patient's next reminder goes by text.
    await plan();
    await expect(remindAt("2026-03-12T09:00:00")).resolves.toEqual({ reminded: 1 });
    expect((await noticesTo(phone)).map((n) => n.kind)).toEqual(["PLAN_REMINDER"]);
  });

  it("refuses a bad number with a clear message, and another practice's account as not found", async () => {
    const parsed = ZRecordPhoneConsentInput.safeParse({ accountId: "x", phone: "555-01", isAgreed: "on" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual([
      "Enter a 10-digit US phone number, for example (215) 555-0101.",
    ]);
    const unticked = ZRecordPhoneConsentInput.safeParse({ accountId: "x", phone: "2155550101" });
    expect(unticked.error!.issues.map((i) => i.message)).toEqual([
      "Tick the box once the patient has agreed to the text read to them.",
    ]);
    const other = await makeOtherPractice(database.db);
    const phone = newPhone();
    await expect(
      recordPhoneConsent({
        actor: clerk,
        input: ZRecordPhoneConsentInput.parse({ accountId: other.accountId, phone, isAgreed: "on" }),
        context,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.smsConsent.count({ where: { phone } })).toBe(0);
  });
});
