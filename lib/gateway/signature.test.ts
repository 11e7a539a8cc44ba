import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "@/lib/gateway/signature";

const secret = "whsec_test";
const body = JSON.stringify({ id: "evt_1", type: "payment.settled" });
const now = new Date("2026-11-24T12:00:00Z");
const t = Math.floor(now.getTime() / 1000);

describe("verifyWebhookSignature", () => {
  it("accepts a signature made with the secret over t.body", () => {
    const header = signWebhook({ body, secret, timestamp: t });
    expect(verifyWebhookSignature({ header, body, secrets: [secret], now })).toBe(true);
  });

  it("rejects another body, another secret, a missing or malformed header", () => {
    const header = signWebhook({ body, secret, timestamp: t });
    expect(verifyWebhookSignature({ header, body: `${body} `, secrets: [secret], now })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secrets: ["whsec_other"], now })).toBe(false);
    expect(verifyWebhookSignature({ header: null, body, secrets: [secret], now })).toBe(false);
    expect(verifyWebhookSignature({ header: "t=abc,v1=zz", body, secrets: [secret], now })).toBe(false);
    expect(verifyWebhookSignature({ header: `t=${t}`, body, secrets: [secret], now })).toBe(false);
  });

  it("rejects a timestamp more than 5 minutes away, either side", () => {
    for (const offset of [-301, 301]) {
      const header = signWebhook({ body, secret, timestamp: t + offset });
      expect(verifyWebhookSignature({ header, body, secrets: [secret], now })).toBe(false);
    }
    const header = signWebhook({ body, secret, timestamp: t - 299 });
    expect(verifyWebhookSignature({ header, body, secrets: [secret], now })).toBe(true);
  });

  it("accepts any of several v1 signatures, against any of our secrets (rotation)", () => {
    const oldSig = signWebhook({ body, secret: "whsec_old", timestamp: t });
    const newSig = signWebhook({ body, secret: "whsec_new", timestamp: t });
    // The gateway signs with its new and its old secret while the secret is rotated.
    const both = `${newSig},${oldSig.split(",")[1]}`;
    expect(both).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    // A portal that still has only the old secret, one that has both, one with only the new.
    expect(verifyWebhookSignature({ header: both, body, secrets: ["whsec_old"], now })).toBe(true);
    expect(verifyWebhookSignature({ header: both, body, secrets: ["whsec_new", "whsec_old"], now })).toBe(
      true,
    );
    expect(verifyWebhookSignature({ header: both, body, secrets: ["whsec_new"], now })).toBe(true);
    // An old-only signature still passes while the old secret is kept, and not after.
    expect(verifyWebhookSignature({ header: oldSig, body, secrets: ["whsec_new", "whsec_old"], now })).toBe(
      true,
    );
    expect(verifyWebhookSignature({ header: oldSig, body, secrets: ["whsec_new"], now })).toBe(false);
    expect(verifyWebhookSignature({ header: both, body, secrets: ["whsec_other"], now })).toBe(false);
    expect(verifyWebhookSignature({ header: both, body, secrets: [], now })).toBe(false);
  });
});
