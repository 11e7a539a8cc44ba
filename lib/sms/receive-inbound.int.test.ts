import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appUrl, resetEnvForTests } from "@/lib/env";
import { setSmsProviderForTests } from "@/lib/sms/provider";
import { receiveInboundSms, SMS_INBOUND_PATH } from "@/lib/sms/receive-inbound";
import { twilioSignature } from "@/lib/sms/signature";
import type { TSmsProvider } from "@/lib/sms/types";
import { setupTestDatabase } from "@/lib/test/test-db";

const database = setupTestDatabase({ seed: true });

const AUTH_TOKEN = "inbound-test-token-0123456789";
const sent: { to: string; body: string }[] = [];
const provider: TSmsProvider = {
  send: async (m) => {
    sent.push(m);
    return { sid: `SM${sent.length}` };
  },
};

const PHONE = "2675550190";
const params = (sid: string, body: string) => ({
  MessageSid: sid,
  AccountSid: `AC${"2".repeat(32)}`,
  From: `+1${PHONE}`,
  To: "+12155550100",
  Body: body,
});
const post = (form: Record<string, string>, signature: string | null) =>
  receiveInboundSms({ rawBody: new URLSearchParams(form).toString(), signature });
const signed = (form: Record<string, string>, authToken = AUTH_TOKEN) =>
  twilioSignature({ url: appUrl(SMS_INBOUND_PATH), params: form, authToken });

describe("the inbound SMS webhook", () => {
  beforeAll(() => {
    vi.stubEnv("SMS_API_URL", "http://127.0.0.1:9");
    vi.stubEnv("SMS_ACCOUNT_SID", `AC${"2".repeat(32)}`);
    vi.stubEnv("SMS_AUTH_TOKEN", AUTH_TOKEN);
    vi.stubEnv("SMS_FROM", "+12155550100");
    resetEnvForTests();
    setSmsProviderForTests(provider);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    setSmsProviderForTests(undefined);
  });

  it("refuses an unsigned or wrongly signed text with 403 and acts on nothing", async () => {
    const form = params("SMbad1", "STOP");
    await expect(post(form, null)).resolves.toMatchObject({ status: 403 });
    await expect(post(form, signed(form, "another-token-0123456789"))).resolves.toMatchObject({
      status: 403,
    });
    // Signed, then altered: the body no longer matches its signature.
    await expect(post({ ...form, Body: "START" }, signed(form))).resolves.toMatchObject({ status: 403 });
    expect(await database.db.smsInbound.count()).toBe(0);
    expect(await database.db.smsConsent.count({ where: { phone: PHONE } })).toBe(0);
    expect(sent).toEqual([]);
  });

  it("honours a signed STOP at once: opted out, confirmed by text, answered with empty TwiML; a redelivery is answered once", async () => {
    const form = params("SMstop1", "STOP");
    const answer = await post(form, signed(form));
    expect(answer).toEqual({
      status: 200,
      contentType: "text/xml; charset=utf-8",
      body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    });
    expect(await database.db.smsConsent.findMany({ where: { phone: PHONE } })).toEqual([
      expect.objectContaining({ isOptedIn: false, source: "KEYWORD", keyword: "STOP" }),
    ]);
    expect(sent).toEqual([{ to: `+1${PHONE}`, body: expect.stringContaining("you are unsubscribed") }]);
    await expect(post(form, signed(form))).resolves.toMatchObject({ status: 200 });
    expect(sent).toHaveLength(1);
  });

  it("wants MessageSid, From and Body", async () => {
    const form = { From: `+1${PHONE}`, Body: "HELP" };
    await expect(post(form, signed(form))).resolves.toMatchObject({ status: 400 });
  });

  it("does not exist when SMS is not configured", async () => {
    const form = params("SMoff1", "HELP");
    const signature = signed(form);
    for (const name of ["SMS_API_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"]) vi.stubEnv(name, "");
    resetEnvForTests();
    await expect(post(form, signature)).resolves.toMatchObject({ status: 404 });
    expect(await database.db.smsInbound.count({ where: { messageSid: "SMoff1" } })).toBe(0);
  });
});
