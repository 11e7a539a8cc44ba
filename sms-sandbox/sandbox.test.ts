import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidTwilioSignature, twilioSignature } from "@/lib/sms/signature";
import { createTwilioProvider } from "@/lib/sms/twilio";
import { isSmsProviderError } from "@/lib/sms/types";
import { signTwilioRequest } from "./signature";
import { createSmsSandbox, INVALID_NUMBER } from "./server";

// The sandbox over real HTTP, and the contract: the portal's Twilio client sends through it, and
// the portal's signature check accepts what it signs.
const ACCOUNT_SID = `AC${"ab".repeat(16)}`;
const AUTH_TOKEN = "sandbox-test-token-0123456789";
const PORTAL_NUMBER = "+12155550100";

type TReceived = { url: string; signature: string | undefined; params: Record<string, string> };

describe("the sandbox SMS server", () => {
  let sandbox: Awaited<ReturnType<typeof createSmsSandbox>>;
  let portal: Server;
  let webhookUrl: string;
  const received: TReceived[] = [];

  beforeAll(async () => {
    // Stands in for the portal's inbound webhook: keeps what it is sent.
    portal = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        received.push({
          url: `${webhookUrl.split("/api")[0]}${req.url}`,
          signature: req.headers["x-twilio-signature"] as string | undefined,
          params: Object.fromEntries(new URLSearchParams(raw)),
        });
        res.writeHead(200, { "content-type": "text/xml" }).end("<Response></Response>");
      });
    });
    await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
    webhookUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/webhooks/sms`;
    sandbox = await createSmsSandbox({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      webhookUrl,
      portalNumber: PORTAL_NUMBER,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((resolve) => portal.close(resolve));
  });

  const auth = (sid = ACCOUNT_SID, token = AUTH_TOKEN) => ({
    authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`,
  });
  const list = async (query = "") => {
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json${query}`, {
      headers: auth(),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { messages: Record<string, string>[] }).messages;
  };

  it("signs as Twilio does (its published example)", () => {
    expect(
      signTwilioRequest("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", {
        CallSid: "CA1234567890ABCDE",
        Caller: "+14158675309",
        Digits: "1234",
        From: "+14158675309",
        To: "+18005551212",
      }),
    ).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it("takes the portal's Twilio client's messages and lists them, newest first, filtered by To", async () => {
    const provider = createTwilioProvider({
      apiUrl: sandbox.url,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: PORTAL_NUMBER,
    });
    const first = await provider.send({ to: "+12675550101", body: "First" });
    const second = await provider.send({ to: "+12675550101", body: "Second" });
    await provider.send({ to: "+12675550102", body: "Someone else" });
    expect(first.sid).toMatch(/^SM[0-9a-f]{32}$/);
    const messages = await list("?To=%2B12675550101");
    expect(messages.map((m) => [m.sid, m.body, m.from, m.direction, m.status])).toEqual([
      [second.sid, "Second", PORTAL_NUMBER, "outbound-api", "delivered"],
      [first.sid, "First", PORTAL_NUMBER, "outbound-api", "delivered"],
    ]);
  });

  it("answers as Twilio does to bad credentials (401) and an invalid number (400, 21211: permanent)", async () => {
    const wrong = createTwilioProvider({
      apiUrl: sandbox.url,
      accountSid: ACCOUNT_SID,
      authToken: "not-the-token-0123456789",
      from: PORTAL_NUMBER,
    });
    const refused = await wrong.send({ to: "+12675550101", body: "x" }).catch((e: unknown) => e);
    expect(isSmsProviderError(refused) && [refused.code, refused.isPermanent]).toEqual(["20003", true]);
    const right = createTwilioProvider({
      apiUrl: sandbox.url,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: PORTAL_NUMBER,
    });
    const invalid = await right.send({ to: INVALID_NUMBER, body: "x" }).catch((e: unknown) => e);
    expect(isSmsProviderError(invalid) && [invalid.code, invalid.isPermanent]).toEqual(["21211", true]);
    const listing = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(listing.status).toBe(401);
  });

  it("sends an inbound text to the portal's webhook signed so that the portal's check accepts it", async () => {
    const response = await fetch(`${sandbox.url}/sandbox/inbound`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ From: "+12675550101", Body: "STOP" }),
    });
    expect(response.status).toBe(201);
    const inbound = (await response.json()) as Record<string, unknown>;
    expect(inbound).toMatchObject({
      direction: "inbound",
      from: "+12675550101",
      to: PORTAL_NUMBER,
      webhook_status: 200,
    });
    const [request] = received;
    expect(request!.params).toMatchObject({
      MessageSid: inbound.sid,
      AccountSid: ACCOUNT_SID,
      From: "+12675550101",
      To: PORTAL_NUMBER,
      Body: "STOP",
    });
    expect(request!.url).toBe(webhookUrl);
    expect(
      isValidTwilioSignature({
        signature: request!.signature,
        url: webhookUrl,
        params: request!.params,
        authToken: AUTH_TOKEN,
      }),
    ).toBe(true);
    expect(request!.signature).toBe(
      twilioSignature({ url: webhookUrl, params: request!.params, authToken: AUTH_TOKEN }),
    );
    expect((await list()).at(0)).toMatchObject({ sid: inbound.sid, direction: "inbound", body: "STOP" });
  });

  it("posts a signed delivery status to a message's StatusCallback", async () => {
    const form = new URLSearchParams({
      To: "+12675550103",
      From: PORTAL_NUMBER,
      Body: "Hi",
      StatusCallback: webhookUrl,
    });
    const response = await fetch(`${sandbox.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(response.status).toBe(201);
    const { sid } = (await response.json()) as { sid: string };
    await expect
      .poll(() => received.find((r) => r.params.MessageSid === sid)?.params.MessageStatus)
      .toBe("delivered");
    const callback = received.find((r) => r.params.MessageSid === sid)!;
    expect(
      isValidTwilioSignature({
        signature: callback.signature,
        url: webhookUrl,
        params: callback.params,
        authToken: AUTH_TOKEN,
      }),
    ).toBe(true);
  });
});
