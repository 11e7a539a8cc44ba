import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "@/lib/gateway/signature";

const secret = "whsec_test";
const body = JSON.stringify({ id: "evt_1", type: "payment.settled" });
const now = new Date("2026-11-24T12:00:00Z");
const t = Math.floor(now.getTime() / 1000);

describe("verifyWebhookSignature", () => {
  it("accepts a signature made with the secret over t.body", () => {
    const header = signWebhook({ body, secret, timestamp: t });
    expect(verifyWebhookSignature({ header, body, secret, now })).toBe(true);
  });

  it("rejects another body, another secret, a missing or malformed header", () => {
    const header = signWebhook({ body, secret, timestamp: t });
    expect(verifyWebhookSignature({ header, body: `${body} `, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret: "whsec_other", now })).toBe(false);
    expect(verifyWebhookSignature({ header: null, body, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ header: "t=abc,v1=zz", body, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ header: `t=${t}`, body, secret, now })).toBe(false);
  });

  it("rejects a timestamp more than 5 minutes away, either side", () => {
    for (const offset of [-301, 301]) {
      const header = signWebhook({ body, secret, timestamp: t + offset });
      expect(verifyWebhookSignature({ header, body, secret, now })).toBe(false);
    }
    const header = signWebhook({ body, secret, timestamp: t - 299 });
    expect(verifyWebhookSignature({ header, body, secret, now })).toBe(true);
  });
});
