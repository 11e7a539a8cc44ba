import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZStatementUpsert } from "@/lib/api/schemas";
import { upsertApiStatement } from "@/lib/api/statements";
import { openBulkConnection } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { importBalanceFile } from "@/lib/imports/balance-import";
import { DEMO } from "@/lib/seed/demo-data";
import { recordSmsConsent } from "@/lib/sms/consent";
import { setSmsProviderForTests } from "@/lib/sms/provider";
import { smsSegments } from "@/lib/sms/segments";
import { sendDueSms } from "@/lib/sms/sender";
import type { TSmsProvider } from "@/lib/sms/types";
import { requestFrom } from "@/lib/test/fixtures";
import { setupTestDatabase } from "@/lib/test/test-db";
import { openTextToPayLink, revokeTextToPayLink, verifyTextToPayDob } from "@/lib/text-to-pay/open-link";
import { queueTextToPay } from "@/lib/text-to-pay/queue-texts";
import { hashTextToPayToken } from "@/lib/text-to-pay/token";

const database = setupTestDatabase({ seed: true });

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
// Noon in New York (EDT): outside quiet hours.
const NOON = new Date("2026-07-15T16:00:00Z");
// 22:00 in New York (EDT): quiet hours, until 08:00 the next morning (12:00Z).
const NIGHT = new Date("2026-07-16T02:00:00Z");

let seq = 0;
/** A number, patient, account and statement number of the test's own. */
const fresh = () => {
  seq++;
  return {
    phone: `445556${String(1000 + seq).padStart(4, "0")}`,
    account: `G-T2P-${seq}`,
    patient: `P-T2P-${seq}`,
    statement: `ST-T2P-${seq}-${Date.now().toString(36).toUpperCase()}`,
  };
};

/** One IMPSCIF line for a statement of `account`, the patient's phone `phone`, DOB 1985-04-12. */
const row = (t: ReturnType<typeof fresh>, amount: string) => {
  const f: Record<number, string> = {
    1: "IMPSCIF",
    2: t.patient,
    3: "Morgan",
    5: "Ellis",
    6: "19850412",
    7: t.phone,
    8: t.statement,
    9: amount,
    10: "20261120",
    11: DEMO.practice.clientId,
    13: "Dr. Ana Ruiz",
    23: "A",
    36: "19103",
    38: t.account,
    39: "Morgan",
    40: "Ellis",
  };
  return Array.from({ length: 48 }, (_, i) => f[i + 1] ?? "").join("|");
};

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

const tokenIn = (body: string) => {
  const match = /http:\/\/localhost:\d+\/t\/([A-Za-z0-9_-]{24}) /.exec(body);
  expect(match, `a /t/ link in "${body}"`).not.toBeNull();
  return match![1]!;
};

describe("text-to-pay", () => {
  let practiceId: string;
  let staffUserId: string;
  let fake: ReturnType<typeof recordingProvider>;
  let files = 0;

  beforeAll(async () => {
    practiceId = (await database.db.practice.findFirstOrThrow({ orderBy: { createdAt: "asc" } })).id;
    staffUserId = (await database.db.user.findUniqueOrThrow({ where: { email: DEMO.staff.email } })).id;
  });
  beforeEach(() => {
    fake = recordingProvider();
    setSmsProviderForTests(fake.provider);
  });
  afterAll(() => setSmsProviderForTests(undefined));

  const optIn = (phone: string, isOptedIn = true) =>
    database.db.$transaction((tx) =>
      recordSmsConsent(tx, { phone, isOptedIn, source: "STAFF", practiceName: "Riverside Family Medicine" }),
    );

  const importLines = (lines: string[]) =>
    importBalanceFile({
      practiceId,
      fileName: `PS_RFM001_20261124_${String(++files).padStart(4, "0")}.txt`,
      read: async function* () {
        yield new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
      },
      actor: { kind: "user", userId: staffUserId, role: "BILLING_MANAGER", label: DEMO.staff.email },
      context: requestFrom("203.0.113.70"),
    });

  /** The texts to a number, each sent (at noon, whatever the hour the test runs at). */
  const sendAllTo = async (phone: string) => {
    const messages = await database.db.smsMessage.findMany({ where: { to: phone, kind: "TEXT_TO_PAY" } });
    for (const m of messages) await sendDueSms({ id: m.id, now: () => NOON });
    return database.db.smsMessage.findMany({ where: { to: phone, kind: "TEXT_TO_PAY" } });
  };

  /** A statement imported for an opted-in number, and the token of its text. */
  const arrived = async () => {
    const t = fresh();
    await optIn(t.phone);
    await importLines([row(t, "240.00")]);
    await sendAllTo(t.phone);
    const body = fake.sent.find((s) => s.to === `+1${t.phone}`)!.body;
    const statement = await database.db.statement.findUniqueOrThrow({
      where: { statementNumber: t.statement },
    });
    return { ...t, token: tokenIn(body), statementId: statement.id };
  };

  it("a statement that arrives by the balance file texts an opted-in number once, with a link; importing it again texts nothing", async () => {
    const t = fresh();
    await optIn(t.phone);
    await importLines([row(t, "240.00")]);
    const [message] = await sendAllTo(t.phone);
    expect(message).toMatchObject({ status: "SENT", sealedLink: null });
    expect(fake.sent).toEqual([
      {
        to: `+1${t.phone}`,
        body: expect.stringMatching(
          new RegExp(
            `^Riverside Family Medicine: your statement ${t.statement} for \\$240\\.00 is ready\\. View and pay: http://localhost:\\d+/t/[A-Za-z0-9_-]{24} Reply STOP to opt out\\.$`,
          ),
        ),
      },
    ]);
    // The same statement again, in another file with a new amount, and the same file again.
    await importLines([row(t, "200.00")]);
    await importLines([row(t, "200.00")]);
    await sendAllTo(t.phone);
    expect(fake.sent).toHaveLength(1);
    expect(await database.db.textToPayLink.count({ where: { phone: t.phone } })).toBe(1);
  });

  it("texts the account's patient in the language they chose: Spanish, in GSM-7", async () => {
    const first = fresh();
    await importLines([row(first, "10.00")]); // not opted in yet: makes the account, texts nothing
    const account = await database.db.account.findFirstOrThrow({ where: { accountNumber: first.account } });
    const user = await database.db.user.create({
      data: {
        email: `t2p-${first.account.toLowerCase()}@example.com`,
        role: "PATIENT",
        firstName: "Morgan",
        lastName: "Ellis",
        locale: "es",
        smsPhone: first.phone,
      },
    });
    await database.db.accountLink.create({ data: { userId: user.id, accountId: account.id } });
    await optIn(first.phone);
    const second = { ...first, statement: `${first.statement}-2` };
    await importLines([row(second, "240.00")]);
    await sendAllTo(first.phone);
    const [body, ...more] = fake.sent.filter((s) => s.to === `+1${first.phone}`).map((s) => s.body);
    expect(more).toEqual([]);
    expect(body).toMatch(
      new RegExp(
        `^Riverside Family Medicine: nuevo estado de cuenta ${second.statement} de \\$240\\.00\\. Vea y pague: http://localhost:\\d+/t/[A-Za-z0-9_-]{24} Responda STOP para cancelar\\.$`,
      ),
    );
    expect(smsSegments(body!).encoding).toBe("GSM-7");
  });

  it("keeps only the token's SHA-256: the token is in no column of the link or the text", async () => {
    const { token, statementId } = await arrived();
    const link = await database.db.textToPayLink.findUniqueOrThrow({ where: { statementId } });
    expect(link.tokenHash).toBe(hashTextToPayToken(token));
    expect(JSON.stringify(link)).not.toContain(token);
    const message = await database.db.smsMessage.findUniqueOrThrow({ where: { id: link.smsMessageId! } });
    expect(JSON.stringify(message)).not.toContain(token);
    expect(message.body).toContain("{link}");
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(30 * DAY);
  });

  it("texts no number that is not opted in, or has opted out, and no statement with nothing to pay", async () => {
    const never = fresh();
    const stopped = fresh();
    await optIn(stopped.phone);
    await optIn(stopped.phone, false);
    const paid = fresh();
    await optIn(paid.phone);
    await importLines([row(never, "10.00"), row(stopped, "10.00"), row(paid, "0.00")]);
    for (const t of [never, stopped, paid]) {
      expect(await database.db.smsMessage.count({ where: { to: t.phone } })).toBe(0);
    }
    expect(fake.sent).toEqual([]);
  });

  it("a statement put by the REST API texts once; the same request again, or the statement updated, texts nothing", async () => {
    const t = fresh();
    await optIn(t.phone);
    const key = await createApiKey({
      practiceId,
      name: `t2p-${seq}`,
      scope: "write",
      actor: { kind: "command-line" },
    });
    const body = ZStatementUpsert.parse({
      patient_id: t.patient,
      patient_first_name: "Morgan",
      patient_last_name: "Ellis",
      patient_dob: "1985-04-12",
      patient_phone: t.phone,
      amount_due_cents: 4500, // $45.00
      statement_date: "2026-11-20",
      status: "A",
      guarantor_id: t.account,
    });
    const put = (idempotencyKey: string, amount = 4500) =>
      upsertApiStatement({
        practiceId,
        apiKeyId: key.id,
        apiKeyPrefix: key.prefix,
        number: t.statement,
        body: { ...body, amount_due_cents: amount },
        idempotencyKey,
        context: requestFrom("203.0.113.71"),
        now: new Date(),
      });
    await expect(put("k1")).resolves.toMatchObject({ status: 201 });
    await expect(put("k1")).resolves.toMatchObject({ status: 201, isReplay: true });
    await expect(put("k2", 4000)).resolves.toMatchObject({ status: 200 }); // $40.00
    const messages = await sendAllTo(t.phone);
    expect(messages).toHaveLength(1);
    expect(fake.sent.filter((s) => s.to === `+1${t.phone}`)).toEqual([
      {
        to: `+1${t.phone}`,
        body: expect.stringContaining(`your statement ${t.statement} for $45.00 is ready`),
      },
    ]);
  });

  it("a text made in quiet hours is due at 08:00 on the practice's clock, and waits until then", async () => {
    const t = fresh();
    await optIn(t.phone);
    await importLines([row(t, "12.00")]);
    // The import above made it at the real time: this one is made at night.
    await database.db.textToPayLink.deleteMany({ where: { phone: t.phone } });
    await database.db.smsMessage.deleteMany({ where: { to: t.phone } });
    fake.sent.length = 0;
    const conn = await openBulkConnection();
    const [id] = await conn
      .transaction((tx) => queueTextToPay(tx, { practiceId, statementNumbers: [t.statement], now: NIGHT }))
      .finally(() => conn.close());
    const made = await database.db.smsMessage.findUniqueOrThrow({ where: { id: id! } });
    expect(made).toMatchObject({ status: "DUE", sendDueAt: new Date("2026-07-16T12:00:00Z") });
    await sendDueSms({ id: id!, now: () => NIGHT });
    expect(fake.sent).toEqual([]);
    await sendDueSms({ id: id!, now: () => new Date("2026-07-16T12:00:00Z") });
    expect(fake.sent).toHaveLength(1);
  });

  it("opens its statement for a day, then asks the date of birth, and nothing after 30 days", async () => {
    const { token, statementId } = await arrived();
    const link = await database.db.textToPayLink.findUniqueOrThrow({ where: { statementId } });
    const at = (ms: number) => new Date(link.createdAt.getTime() + ms);
    await expect(openTextToPayLink({ token, now: at(HOUR) })).resolves.toEqual({
      status: "open",
      statementId,
    });
    // Opened again: a link is not spent by opening it.
    await expect(openTextToPayLink({ token, now: at(23 * HOUR) })).resolves.toEqual({
      status: "open",
      statementId,
    });
    await expect(openTextToPayLink({ token, now: at(DAY) })).resolves.toMatchObject({ status: "needs_dob" });
    await expect(openTextToPayLink({ token, now: at(30 * DAY - 1) })).resolves.toMatchObject({
      status: "needs_dob",
    });
    await expect(openTextToPayLink({ token, now: at(30 * DAY) })).resolves.toEqual({
      status: "refused",
      problem: "expired",
    });
  });

  it("refuses a revoked link, an unknown or over-long token, and the link of a voided statement", async () => {
    const a = await arrived();
    expect(await revokeTextToPayLink({ statementId: a.statementId })).toBe(true);
    await expect(openTextToPayLink({ token: a.token })).resolves.toEqual({
      status: "refused",
      problem: "revoked",
    });
    const b = await arrived();
    await expect(openTextToPayLink({ token: `${b.token}A` })).resolves.toEqual({
      status: "refused",
      problem: "unknown",
    });
    await expect(openTextToPayLink({ token: "x".repeat(10_000) })).resolves.toEqual({
      status: "refused",
      problem: "unknown",
    });
    const unknown = `${b.token.slice(0, 23)}${b.token.endsWith("A") ? "B" : "A"}`;
    await expect(openTextToPayLink({ token: unknown })).resolves.toEqual({
      status: "refused",
      problem: "unknown",
    });
    await database.db.statement.update({ where: { id: b.statementId }, data: { status: "VOIDED" } });
    await expect(openTextToPayLink({ token: b.token })).resolves.toEqual({
      status: "refused",
      problem: "unknown",
    });
  });

  it("says a statement paid or closed since is settled instead of opening a pay page, with the date of birth first after a day; a voided one still opens nothing", async () => {
    const paid = await arrived();
    const link = await database.db.textToPayLink.findUniqueOrThrow({
      where: { statementId: paid.statementId },
    });
    const at = (ms: number) => new Date(link.createdAt.getTime() + ms);
    await database.db.statement.update({
      where: { id: paid.statementId },
      data: { status: "PAID", balanceCents: 0 },
    });
    const settled = { status: "settled", statementId: paid.statementId, statementNumber: paid.statement };
    await expect(openTextToPayLink({ token: paid.token, now: at(HOUR) })).resolves.toEqual({
      ...settled,
      isFresh: true,
    });
    await expect(openTextToPayLink({ token: paid.token, now: at(2 * DAY) })).resolves.toEqual({
      ...settled,
      isFresh: false,
    });
    // Past its first day the statement itself opens only with the date of birth, as before.
    const context = requestFrom(`203.0.113.${150 + seq}`);
    const wrong = await verifyTextToPayDob({
      token: paid.token,
      dob: new Date("1999-09-09"),
      context,
      now: at(2 * DAY),
    }).catch((e: unknown) => e);
    expect(isAppError(wrong) && wrong.code).toBe("NOT_FOUND");
    await expect(
      verifyTextToPayDob({ token: paid.token, dob: new Date("1985-04-12"), context, now: at(2 * DAY) }),
    ).resolves.toEqual({ statementId: paid.statementId });
    // Still an expired link after 30 days, paid or not.
    await expect(openTextToPayLink({ token: paid.token, now: at(30 * DAY) })).resolves.toEqual({
      status: "refused",
      problem: "expired",
    });

    // Closed at a zero balance by an adjustment (still OPEN): settled too.
    const closed = await arrived();
    await database.db.statement.update({ where: { id: closed.statementId }, data: { balanceCents: 0 } });
    await expect(openTextToPayLink({ token: closed.token })).resolves.toMatchObject({ status: "settled" });
    await database.db.statement.update({ where: { id: closed.statementId }, data: { status: "VOIDED" } });
    await expect(openTextToPayLink({ token: closed.token })).resolves.toEqual({
      status: "refused",
      problem: "unknown",
    });
  });

  it("past its first day, the link opens its own statement with that statement's date of birth only; wrong ones count toward the lookup lockout", async () => {
    const mine = await arrived();
    const link = await database.db.textToPayLink.findUniqueOrThrow({
      where: { statementId: mine.statementId },
    });
    const later = new Date(link.createdAt.getTime() + 2 * DAY);
    const context = requestFrom(`203.0.113.${100 + seq}`);
    const verify = (dob: string) =>
      verifyTextToPayDob({ token: mine.token, dob: new Date(dob), context, now: later });

    // The demo guest statement's DOB (another statement's) does not open this one.
    const refusal = await verify("1980-01-01").catch((e: unknown) => e);
    expect(isAppError(refusal) && refusal.code).toBe("NOT_FOUND");
    await expect(verify("1985-04-12")).resolves.toEqual({ statementId: mine.statementId });

    for (let i = 0; i < 4; i++) await verify("1999-09-09").catch(() => null);
    const locked = await verify("1985-04-12").catch((e: unknown) => e);
    expect(isAppError(locked) && locked.code).toBe("RATE_LIMITED");
    const audited = await database.db.auditLog.count({
      where: { action: "guest.lookup", outcome: "FAILURE", targetId: null, ip: context.ip },
    });
    expect(audited).toBe(5);
  });
});
