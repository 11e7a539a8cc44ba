import { describe, expect, it } from "vitest";
import { signGatewayPayload, verifyGatewaySignature } from "./signature";
import { retryDelayMs } from "./webhooks";

const secret = "whsec_test_contract";
const body = JSON.stringify({
  id: "evt_1",
  type: "payment.settled",
  created_at: "2026-06-01T15:00:00.000Z",
  data: {},
});
const now = new Date("2026-06-01T15:00:00Z");
const t = Math.floor(now.getTime() / 1000);

describe("verifyGatewaySignature", () => {
  it("accepts the gateway's own signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>", () => {
    const header = signGatewayPayload({ body, secrets: [secret], timestamp: t });
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyGatewaySignature({ header, body, secret, now })).toEqual({ ok: true, timestamp: t });
    expect(verifyGatewaySignature({ header, body: Buffer.from(body), secret, now }).ok).toBe(true);
  });

  it("matches an HMAC computed independently", async () => {
    const { createHmac } = await import("node:crypto");
    const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(verifyGatewaySignature({ header: `t=${t},v1=${v1}`, body, secret, now }).ok).toBe(true);
  });

  it("rejects a bad signature, another secret, or a changed body", () => {
    const header = signGatewayPayload({ body, secrets: [secret], timestamp: t });
    const flipped = header.replace(/v1=(.)/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`);
    expect(verifyGatewaySignature({ header: flipped, body, secret, now })).toEqual({
      ok: false,
      reason: "signature_mismatch",
    });
    expect(verifyGatewaySignature({ header, body, secret: "whsec_other", now }).ok).toBe(false);
    expect(
      verifyGatewaySignature({ header, body: body.replace("settled", "returned"), secret, now }).ok,
    ).toBe(false);
  });

  it("rejects a timestamp more than 5 minutes away, either way", () => {
    const old = signGatewayPayload({ body, secrets: [secret], timestamp: t - 301 });
    expect(verifyGatewaySignature({ header: old, body, secret, now })).toEqual({
      ok: false,
      reason: "timestamp_out_of_tolerance",
    });
    const future = signGatewayPayload({ body, secrets: [secret], timestamp: t + 301 });
    expect(verifyGatewaySignature({ header: future, body, secret, now }).ok).toBe(false);
    const recent = signGatewayPayload({ body, secrets: [secret], timestamp: t - 299 });
    expect(verifyGatewaySignature({ header: recent, body, secret, now }).ok).toBe(true);
    expect(verifyGatewaySignature({ header: old, body, secret, now, toleranceSeconds: 600 }).ok).toBe(true);
  });

  it("rejects a missing or malformed header", () => {
    expect(verifyGatewaySignature({ header: undefined, body, secret, now })).toEqual({
      ok: false,
      reason: "missing_header",
    });
    for (const header of ["garbage", `t=${t}`, "v1=abcd", `t=soon,v1=${"a".repeat(64)}`, `t=${t},v1=xyz`]) {
      expect(verifyGatewaySignature({ header, body, secret, now })).toEqual({
        ok: false,
        reason: "malformed_header",
      });
    }
  });

  it("accepts any one of several v1 signatures (secret rotation)", () => {
    const good = signGatewayPayload({ body, secrets: [secret], timestamp: t });
    const other = signGatewayPayload({ body, secrets: ["whsec_old"], timestamp: t });
    const header = `${other},${good.split(",")[1]}`;
    expect(verifyGatewaySignature({ header, body, secret, now }).ok).toBe(true);
  });
});

describe("webhook retry delays", () => {
  it("double from 1 s and stop at one hour", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(retryDelayMs(12)).toBe(2_048_000);
    expect(retryDelayMs(13)).toBe(3_600_000);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });
});
