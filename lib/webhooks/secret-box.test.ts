import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { signatureHeader } from "@/lib/webhooks/signature";

describe("signing secrets at rest", () => {
  it("seals and opens a secret; the sealed text does not contain it and differs each time", () => {
    const key = randomBytes(32);
    const secret = newSigningSecret();
    const a = sealSecret(secret, key);
    const b = sealSecret(secret, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(6));
    expect(openSecret(a, key)).toBe(secret);
    expect(openSecret(b, key)).toBe(secret);
  });

  it("refuses to open under another key, or when altered", () => {
    const key = randomBytes(32);
    const sealed = sealSecret("whsec_x", key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const [v, iv, tag, data] = sealed.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() => openSecret([v, iv, tag, flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => openSecret("plain", key)).toThrow("not a sealed secret");
  });
});

describe("the signature header", () => {
  it("is t=<unix>, then one v1 per secret: the HMAC-SHA256 of '<t>.<body>'", () => {
    const at = new Date("2026-12-06T10:00:00.900Z");
    const header = signatureHeader({ body: '{"a":1}', secrets: ["new", "old"], at });
    const t = 1796551200;
    const mac = (secret: string) => createHmac("sha256", secret).update(`${t}.{"a":1}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${mac("new")},v1=${mac("old")}`);
  });
});
