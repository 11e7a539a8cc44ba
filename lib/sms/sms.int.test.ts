import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/session";
import { createPatientForTest } from "@/lib/profile/fixtures";
import { ZPreferencesInput } from "@/lib/profile/schemas";
import { updatePreferences } from "@/lib/profile/update-preferences";
import { SMS_CONSENT } from "@/lib/sms/consent-text";
import { handleInboundSms } from "@/lib/sms/handle-inbound";
import { queueSms } from "@/lib/sms/messages";
import { setSmsProviderForTests } from "@/lib/sms/provider";
import { drainSms, SMS_DAILY_LIMIT, SMS_MAX_ATTEMPTS, sendDueSms } from "@/lib/sms/sender";
import { SmsProviderError, type TSmsProvider } from "@/lib/sms/types";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });
const context = requestFrom("203.0.113.60");

/** A provider that keeps what it was asked to send, or fails as told. */
const recordingProvider = () => {
  const sent: { to: string; body: string }[] = [];
  let failure: SmsProviderError | null = null;
  const provider: TSmsProvider = {
    send: async ({ to, body }) => {
      if (failure) throw failure;
      sent.push({ to, body });
      return { sid: `SM${sent.length}` };
    },
  };
  return { provider, sent, failWith: (e: SmsProviderError | null) => (failure = e) };
};

let phoneSeq = 0;
/** A number of its own for each test ("267555" + 4 digits). */
const newPhone = () => `267555${String(1000 + phoneSeq++).padStart(4, "0")}`;

const optIn = (actor: TActor, phone: string) =>
  updatePreferences({
    actor,
    preferences: ZPreferencesInput.parse({ smsOptIn: "on", smsPhone: phone }),
    context,
  });

const messagesTo = (to: string) =>
  database.db.smsMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

// Noon in New York (EDT): outside quiet hours.
const NOON = new Date("2026-07-15T16:00:00Z");
// 22:00 in New York (EDT): quiet hours, until 08:00 the next morning (12:00Z).
const NIGHT = new Date("2026-07-16T02:00:00Z");

describe("texts: consent, keywords and the sender", () => {
  let fake: ReturnType<typeof recordingProvider>;
  let casey: TActor;
  beforeAll(async () => {
    casey = await createPatientForTest(database.db);
  });
  beforeEach(() => {
    fake = recordingProvider();
    setSmsProviderForTests(fake.provider);
  });
  afterAll(() => setSmsProviderForTests(undefined));

  const practice = async () => {
    const p = await database.db.practice.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    return { name: p.name, phone: p.phone, supportEmail: p.supportEmail, timeZone: p.timeZone };
  };

  it("opting in on the profile records the consent with its text and version and texts a confirmation at once", async () => {
    const phone = newPhone();
    await expect(optIn(casey, phone)).resolves.toEqual({ isChanged: true });
    const consents = await database.db.smsConsent.findMany({ where: { phone } });
    expect(consents).toEqual([
      expect.objectContaining({
        userId: casey.userId,
        isOptedIn: true,
        source: "WEB",
        textVersion: SMS_CONSENT.version,
        text: SMS_CONSENT.textFor((await practice()).name),
      }),
    ]);
    expect(fake.sent).toEqual([
      {
        to: `+1${phone}`,
        body: expect.stringContaining("Riverside Family Medicine: you are signed up for texts"),
      },
    ]);
    const [message] = await messagesTo(phone);
    expect(message).toMatchObject({ status: "SENT", providerSid: "SM1", sendDueAt: null, attempts: 1 });
  });

  it("opting out, or moving texts to another number, records the old number's opt-out", async () => {
    const dana = await createPatientForTest(database.db);
    const [first, second] = [newPhone(), newPhone()];
    await optIn(dana, first);
    await optIn(dana, second);
    await updatePreferences({
      actor: dana,
      preferences: ZPreferencesInput.parse({ smsPhone: second }),
      context,
    });
    const rows = await database.db.smsConsent.findMany({
      where: { userId: dana.userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { phone: true, isOptedIn: true, source: true },
    });
    expect(rows).toEqual([
      { phone: first, isOptedIn: true, source: "WEB" },
      { phone: first, isOptedIn: false, source: "WEB" },
      { phone: second, isOptedIn: true, source: "WEB" },
      { phone: second, isOptedIn: false, source: "WEB" },
    ]);
    expect(fake.sent.map((m) => m.to)).toEqual([`+1${first}`, `+1${second}`]);
  });

  it("STOP opts the number out at once, unticks the profile and sends the one confirmation; later texts are dropped", async () => {
    const erin = await createPatientForTest(database.db);
    const phone = newPhone();
    await optIn(erin, phone);
    const stop = await handleInboundSms({
      messageSid: `SMin-${phone}-1`,
      from: `+1${phone}`,
      body: " Stop ",
    });
    expect(stop).toMatchObject({ keyword: "STOP", isDuplicate: false });
    await sendDueSms({ id: stop.replyIds[0]! });
    expect(fake.sent.at(-1)!.body).toContain("you are unsubscribed");
    expect(await database.db.user.findUniqueOrThrow({ where: { id: erin.userId } })).toMatchObject({
      smsOptIn: false,
      smsPhone: phone,
    });
    expect(
      await database.db.smsConsent.findFirst({ where: { phone }, orderBy: { createdAt: "desc" } }),
    ).toMatchObject({ isOptedIn: false, source: "KEYWORD", keyword: "STOP", userId: erin.userId });
    // The same webhook delivered again changes nothing and sends nothing.
    const again = await handleInboundSms({ messageSid: `SMin-${phone}-1`, from: `+1${phone}`, body: "STOP" });
    expect(again).toEqual({ replyIds: [], keyword: "STOP", isDuplicate: true });
    // A text about a bill made due now is not sent to an opted-out number.
    const notice = await queueSms(database.db, {
      to: phone,
      kind: "START_CONFIRMATION",
      practice: await practice(),
      isReply: false,
      now: NOON,
    });
    const before = fake.sent.length;
    await sendDueSms({ id: notice.id, now: () => NOON });
    expect(fake.sent.length).toBe(before);
    expect(await database.db.smsMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      status: "DROPPED",
      dropReason: "not_opted_in",
    });
  });

  it("HELP answers with the practice's name and contact; START opts in again with the consent recorded (source keyword)", async () => {
    const phone = newPhone();
    const help = await handleInboundSms({ messageSid: `SMin-${phone}-h`, from: `+1${phone}`, body: "info" });
    await sendDueSms({ id: help.replyIds[0]! });
    const p = await practice();
    expect(fake.sent.at(-1)!.body).toMatch(new RegExp(`^${p.name} billing texts\\.`));
    if (p.phone) expect(fake.sent.at(-1)!.body).toContain(p.phone.slice(-4));
    await handleInboundSms({ messageSid: `SMin-${phone}-s`, from: `+1${phone}`, body: "STOPALL" });
    const start = await handleInboundSms({
      messageSid: `SMin-${phone}-y`,
      from: `+1${phone}`,
      body: "UNSTOP",
    });
    await drainSms();
    expect(fake.sent.at(-1)).toEqual({
      to: `+1${phone}`,
      body: expect.stringContaining("you are signed up"),
    });
    expect(start.keyword).toBe("START");
    const latest = await database.db.smsConsent.findFirstOrThrow({
      where: { phone },
      orderBy: { createdAt: "desc" },
    });
    expect(latest).toMatchObject({
      isOptedIn: true,
      source: "KEYWORD",
      keyword: "UNSTOP",
      textVersion: SMS_CONSENT.version,
    });
    // Any other text is kept, not answered.
    const chat = await handleInboundSms({
      messageSid: `SMin-${phone}-c`,
      from: `+1${phone}`,
      body: "Who is this?",
    });
    expect(chat).toEqual({ replyIds: [], keyword: null, isDuplicate: false });
    expect(await database.db.smsInbound.count({ where: { from: phone } })).toBe(4);
  });

  it("a text made due in quiet hours waits until 08:00 on the patient's clock, then goes", async () => {
    const phone = newPhone();
    await optIn(casey, phone);
    const notice = await queueSms(database.db, {
      to: phone,
      kind: "START_CONFIRMATION",
      practice: await practice(),
      isReply: false,
      now: NIGHT,
    });
    const row = await database.db.smsMessage.findUniqueOrThrow({ where: { id: notice.id } });
    expect(row.sendDueAt).toEqual(new Date("2026-07-16T12:00:00Z"));
    // Sent by request at night anyway (a retry, a sweep), it is held again, not sent.
    const before = fake.sent.length;
    await expect(sendDueSms({ id: notice.id, now: () => NIGHT })).resolves.toMatchObject({
      held: 1,
      sent: 0,
    });
    expect(fake.sent.length).toBe(before);
    expect((await database.db.smsMessage.findUniqueOrThrow({ where: { id: notice.id } })).sendDueAt).toEqual(
      new Date("2026-07-16T12:00:00Z"),
    );
    await expect(
      sendDueSms({ id: notice.id, now: () => new Date("2026-07-16T12:00:00Z") }),
    ).resolves.toMatchObject({
      sent: 1,
    });
  });

  it(`sends at most ${SMS_DAILY_LIMIT} texts to a number in 24 hours (replies apart) and drops the rest with the reason`, async () => {
    const phone = newPhone();
    await optIn(casey, phone);
    const p = await practice();
    const ids: string[] = [];
    for (let i = 0; i < SMS_DAILY_LIMIT + 2; i++) {
      ids.push(
        (await queueSms(database.db, { to: phone, kind: "HELP", practice: p, isReply: false, now: NOON })).id,
      );
    }
    const outcomes = await Promise.all(ids.map((id) => sendDueSms({ id, now: () => NOON })));
    expect(outcomes.reduce((n, o) => n + o.sent, 0)).toBe(SMS_DAILY_LIMIT);
    const rows = await database.db.smsMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(SMS_DAILY_LIMIT);
    expect(rows.filter((r) => r.status === "DROPPED").map((r) => r.dropReason)).toEqual([
      "daily_limit",
      "daily_limit",
    ]);
    // A day later the number may be texted again.
    const tomorrow = new Date(NOON.getTime() + 24 * 3_600_000 + 1000);
    const next = await queueSms(database.db, {
      to: phone,
      kind: "HELP",
      practice: p,
      isReply: false,
      now: tomorrow,
    });
    await expect(sendDueSms({ id: next.id, now: () => tomorrow })).resolves.toMatchObject({ sent: 1 });
  });

  it("retries a failed send with backoff, gives up after the last attempt, and fails a refused number at once", async () => {
    const phone = newPhone();
    await optIn(casey, phone);
    const p = await practice();
    const notice = await queueSms(database.db, {
      to: phone,
      kind: "HELP",
      practice: p,
      isReply: false,
      now: NOON,
    });
    fake.failWith(new SmsProviderError("SMS provider refused (503): down", false));
    let at = NOON;
    for (let attempt = 1; attempt < SMS_MAX_ATTEMPTS; attempt++) {
      await expect(sendDueSms({ id: notice.id, now: () => at })).resolves.toMatchObject({ retried: 1 });
      const row = await database.db.smsMessage.findUniqueOrThrow({ where: { id: notice.id } });
      expect(row).toMatchObject({
        status: "DUE",
        attempts: attempt,
        sentAt: null,
        lastError: expect.stringContaining("down"),
      });
      expect(row.sendDueAt!.getTime() - at.getTime()).toBe(60_000 * 2 ** (attempt - 1));
      at = row.sendDueAt!;
    }
    await expect(sendDueSms({ id: notice.id, now: () => at })).resolves.toMatchObject({ failed: 1 });
    expect(await database.db.smsMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      status: "FAILED",
      attempts: SMS_MAX_ATTEMPTS,
      sendDueAt: null,
    });
    const refused = await queueSms(database.db, {
      to: phone,
      kind: "HELP",
      practice: p,
      isReply: false,
      now: NOON,
    });
    fake.failWith(
      new SmsProviderError("SMS provider refused (400): Invalid 'To' Phone Number", true, "21211"),
    );
    await expect(sendDueSms({ id: refused.id, now: () => NOON })).resolves.toMatchObject({ failed: 1 });
    expect(await database.db.smsMessage.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
    });
  });

  it("with no provider configured, texts stay due for one", async () => {
    setSmsProviderForTests(null);
    const phone = newPhone();
    await optIn(casey, phone);
    const [message] = await messagesTo(phone);
    expect(message).toMatchObject({ status: "DUE", attempts: 0 });
    expect(message!.sendDueAt).not.toBeNull();
    setSmsProviderForTests(fake.provider);
    await drainSms();
    expect(fake.sent).toEqual([{ to: `+1${phone}`, body: expect.stringContaining("signed up") }]);
  });
});
