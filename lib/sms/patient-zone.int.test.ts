import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { openBulkConnection } from "@/lib/db";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { ZPreferencesInput } from "@/lib/profile/schemas";
import { updatePreferences } from "@/lib/profile/update-preferences";
import { DEMO } from "@/lib/seed/demo-data";
import { recordSmsConsent } from "@/lib/sms/consent";
import { practiceForSms, queueSms } from "@/lib/sms/messages";
import { queueSmsNotice } from "@/lib/sms/notices";
import { setSmsProviderForTests } from "@/lib/sms/provider";
import { sendDueSms } from "@/lib/sms/sender";
import type { TSmsProvider } from "@/lib/sms/types";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { queueTextToPay } from "@/lib/text-to-pay/queue-texts";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.64");

// The practice keeps New York's clock; these patients live elsewhere.
// 20:59 in Los Angeles (PDT) is 23:59 in New York: quiet for the practice, not for the patient.
const LA_859PM = new Date("2026-07-16T03:59:00Z");
// 21:00 in Los Angeles is 00:00 in New York: quiet for both; the text waits until 08:00 PDT.
const LA_900PM = new Date("2026-07-16T04:00:00Z");
const LA_8AM = new Date("2026-07-16T15:00:00Z");

let phoneSeq = 0;
const newPhone = () => `267556${String(1000 + phoneSeq++).padStart(4, "0")}`;

const recordingProvider = () => {
  const sent: { to: string; body: string }[] = [];
  const provider: TSmsProvider = {
    send: async ({ to, body }) => {
      sent.push({ to, body });
      return { sid: `SM${sent.length}` };
    },
  };
  return { provider, sent };
};

/** The patient saves their preferences with texts on at `phone`, their browser reporting `timeZone`. */
const optIn = (actor: TActor, phone: string, timeZone?: string) =>
  updatePreferences({
    actor,
    preferences: ZPreferencesInput.parse({ smsOptIn: "on", smsReminders: "on", smsPhone: phone, timeZone }),
    context,
  });

describe("quiet hours in the patient's time zone", () => {
  let fake: ReturnType<typeof recordingProvider>;
  beforeAll(async () => {
    expect((await database.db.practice.findFirstOrThrow()).timeZone).toBe(DEMO.practice.timeZone);
  });
  beforeEach(() => {
    fake = recordingProvider();
    setSmsProviderForTests(fake.provider);
  });
  afterAll(() => setSmsProviderForTests(undefined));

  /** A text that is not a reply, made due for the patient at `now`. */
  const noticeAt = async (actor: TActor, phone: string, now: Date) => {
    const practice = await practiceForSms(database.db, { userId: actor.userId });
    const made = await queueSms(database.db, {
      to: phone,
      kind: "START_CONFIRMATION",
      userId: actor.userId,
      practice,
      isReply: false,
      now,
    });
    return database.db.smsMessage.findUniqueOrThrow({ where: { id: made.id } });
  };

  it("keeps the zone the browser reported with the opt-in and on the user, and texts at 8:59 pm but not 9:00 pm on the patient's clock", async () => {
    const patient = await createPatientForTest(database.db);
    const phone = newPhone();
    await optIn(patient, phone, "America/Los_Angeles");
    expect(
      await database.db.smsConsent.findFirstOrThrow({ where: { phone }, select: { timeZone: true } }),
    ).toEqual({ timeZone: "America/Los_Angeles" });
    expect(
      await database.db.user.findUniqueOrThrow({ where: { id: patient.userId }, select: { timeZone: true } }),
    ).toEqual({ timeZone: "America/Los_Angeles" });

    const evening = await noticeAt(patient, phone, LA_859PM);
    expect(evening).toMatchObject({ timeZone: "America/Los_Angeles", sendDueAt: LA_859PM });
    await expect(sendDueSms({ id: evening.id, now: () => LA_859PM })).resolves.toMatchObject({ sent: 1 });

    const night = await noticeAt(patient, phone, LA_900PM);
    expect(night).toMatchObject({ timeZone: "America/Los_Angeles", sendDueAt: LA_8AM });
    await expect(sendDueSms({ id: night.id, now: () => LA_900PM })).resolves.toMatchObject({
      held: 1,
      sent: 0,
    });
    await expect(sendDueSms({ id: night.id, now: () => LA_8AM })).resolves.toMatchObject({ sent: 1 });
  });

  it("plan and autopay notices keep the patient's zone too", async () => {
    const patient = await createPatientForTest(database.db);
    const phone = newPhone();
    await optIn(patient, phone, "America/Los_Angeles");
    const id = await database.db.$transaction((tx) =>
      queueSmsNotice(tx, {
        userId: patient.userId,
        dedupeKey: `zone-test:${phone}`,
        notice: { kind: "AUTOPAY_DECLINED", accountNumber: "A-1001", amountCents: 12540 },
        practice: { name: DEMO.practice.name, timeZone: DEMO.practice.timeZone },
        now: LA_859PM,
      }),
    );
    expect(await database.db.smsMessage.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({
      timeZone: "America/Los_Angeles",
      sendDueAt: LA_859PM,
    });
  });

  it("a report that is no place's zone is not kept, and the patient's address state decides; without one, the practice's zone", async () => {
    const patient = await createPatientForTest(database.db);
    await database.db.user.update({ where: { id: patient.userId }, data: { state: "CA" } });
    const phone = newPhone();
    await optIn(patient, phone, "Etc/UTC");
    expect((await database.db.smsConsent.findFirstOrThrow({ where: { phone } })).timeZone).toBeNull();
    expect((await database.db.user.findUniqueOrThrow({ where: { id: patient.userId } })).timeZone).toBeNull();
    expect(await noticeAt(patient, phone, LA_859PM)).toMatchObject({
      timeZone: "America/Los_Angeles",
      sendDueAt: LA_859PM,
    });

    const nowhere = await createPatientForTest(database.db);
    const other = newPhone();
    await optIn(nowhere, other);
    expect(await noticeAt(nowhere, other, LA_859PM)).toMatchObject({
      timeZone: DEMO.practice.timeZone,
      sendDueAt: new Date("2026-07-16T12:00:00Z"), // 08:00 in New York
    });
  });

  it("a statement's text-to-pay text keeps the zone reported with the number's opt-in, else the account's state's", async () => {
    const practiceId = (await database.db.practice.findFirstOrThrow()).id;
    const template = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: DEMO.secondStatement.statementNumber },
      include: { lines: true },
    });
    /** A new account with `phone` and `state`, and an open statement on it. */
    const statementFor = async (phone: string, state: string | null) => {
      const n = `${phone.slice(-4)}-${Date.now().toString(36)}`;
      const account = await database.db.account.create({
        data: {
          practiceId,
          accountNumber: `Z-${n}`,
          guarantorFirstName: "Robin",
          guarantorLastName: "West",
          phone,
          state,
        },
      });
      const { id: _id, accountId: _a, lines: _l, createdAt: _c, updatedAt: _u, ...fields } = template;
      return database.db.statement.create({
        data: { ...fields, accountId: account.id, statementNumber: `ST-Z-${n}`, status: "OPEN" },
      });
    };
    const textFor = async (statementNumber: string, now: Date) => {
      const conn = await openBulkConnection();
      const [id] = await conn
        .transaction((tx) => queueTextToPay(tx, { practiceId, statementNumbers: [statementNumber], now }))
        .finally(() => conn.close());
      return database.db.smsMessage.findUniqueOrThrow({ where: { id: id! } });
    };

    // Opted in on the web from a browser in Denver (21:00 MDT is 23:00 in New York).
    const reported = newPhone();
    await database.db.$transaction((tx) =>
      recordSmsConsent(tx, {
        phone: reported,
        isOptedIn: true,
        source: "WEB",
        practiceName: DEMO.practice.name,
        timeZone: "America/Denver",
      }),
    );
    const denver = await statementFor(reported, "NY");
    expect(await textFor(denver.statementNumber, new Date("2026-07-16T02:59:00Z"))).toMatchObject({
      timeZone: "America/Denver",
      sendDueAt: new Date("2026-07-16T02:59:00Z"), // 20:59 MDT
    });

    // Consent given on the phone (no browser): the account's address in California decides.
    const byPhone = newPhone();
    await database.db.$transaction((tx) =>
      recordSmsConsent(tx, {
        phone: byPhone,
        isOptedIn: true,
        source: "STAFF",
        practiceName: DEMO.practice.name,
      }),
    );
    const california = await statementFor(byPhone, "CA");
    expect(await textFor(california.statementNumber, LA_900PM)).toMatchObject({
      timeZone: "America/Los_Angeles",
      sendDueAt: LA_8AM,
    });
  });
});
