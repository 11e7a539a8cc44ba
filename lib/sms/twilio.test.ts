import { describe, expect, it, vi } from "vitest";
import { isSmsProviderError } from "@/lib/sms/types";
import { createTwilioProvider } from "@/lib/sms/twilio";

const config = {
  apiUrl: "https://api.twilio.example",
  accountSid: `AC${"1".repeat(32)}`,
  authToken: "token-0123456789abcdef",
  from: "+12155550100",
};

const answer = (status: number, body: unknown) =>
  vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status }));

describe("the Twilio-compatible SMS client", () => {
  it("posts To, From, Body and StatusCallback form-encoded to the Messages resource, with basic auth", async () => {
    const fetchImpl = answer(201, { sid: "SM123", status: "queued" });
    const provider = createTwilioProvider(config, { fetchImpl });
    await expect(
      provider.send({ to: "+12675550188", body: "Hello & welcome", statusCallback: "https://p.example/cb" }),
    ).resolves.toEqual({ sid: "SM123" });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(String(url)).toBe(
      `https://api.twilio.example/2010-04-01/Accounts/${config.accountSid}/Messages.json`,
    );
    expect(init!.method).toBe("POST");
    const headers = init!.headers as Record<string, string>;
    expect(headers.authorization).toBe(
      `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
    );
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(String(init!.body)))).toEqual({
      To: "+12675550188",
      From: "+12155550100",
      Body: "Hello & welcome",
      StatusCallback: "https://p.example/cb",
    });
  });

  it("reads a refused number as permanent, and 429, 5xx and network failures as worth a retry", async () => {
    const send = (fetchImpl: typeof fetch) =>
      createTwilioProvider(config, { fetchImpl })
        .send({ to: "+12675550188", body: "x" })
        .catch((e: unknown) => e);
    const refused = await send(
      answer(400, { code: 21211, message: "Invalid 'To' Phone Number", status: 400 }),
    );
    expect(isSmsProviderError(refused) && [refused.isPermanent, refused.code, refused.message]).toEqual([
      true,
      "21211",
      "SMS provider refused (400): Invalid 'To' Phone Number",
    ]);
    const busy = await send(answer(429, { code: 20429, message: "Too Many Requests" }));
    expect(isSmsProviderError(busy) && busy.isPermanent).toBe(false);
    const down = await send(answer(503, {}));
    expect(isSmsProviderError(down) && [down.isPermanent, down.message]).toEqual([
      false,
      "SMS provider refused (503): HTTP 503",
    ]);
    const unreachable = await send(
      vi.fn<typeof fetch>(async () => {
        throw new TypeError("fetch failed");
      }),
    );
    expect(isSmsProviderError(unreachable) && unreachable.isPermanent).toBe(false);
    const odd = await send(answer(201, { nothing: true }));
    expect(isSmsProviderError(odd) && odd.message).toBe("SMS provider answered without a message sid");
  });
});
