import { describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from "@/lib/auth/mfa/totp";

describe("TOTP (RFC 6238)", () => {
  // RFC 6238 Appendix B, SHA-1: the seed "12345678901234567890", 8 digits, 30-second steps.
  const seed = Secret.fromUTF8("12345678901234567890");
  const vectors: [number, string][] = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];
  it.each(vectors)("the library gives the RFC's code at %i seconds", (seconds, code) => {
    const totp = new TOTP({ secret: seed, algorithm: "SHA1", digits: 8, period: 30 });
    expect(totp.generate({ timestamp: seconds * 1000 })).toBe(code);
  });

  it("gives the RFC's codes (last six digits) through our own check", () => {
    for (const [seconds, code] of vectors) {
      const at = new Date(seconds * 1000);
      expect(matchTotp({ secret: seed.base32, code: code.slice(2), at, lastStep: null })).toBe(totpStep(at));
    }
  });

  const secret = newTotpSecret();
  const at = new Date("2026-12-06T12:00:10Z");

  it("makes a 160-bit base32 secret and an otpauth URI naming the account", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, "staff@example.com");
    expect(uri).toContain("otpauth://totp/");
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("staff%40example.com");
  });

  it("accepts the step before and after, not two away", () => {
    const step = totpStep(at);
    const codeAt = (offset: number) => totpCode(secret, new Date(at.getTime() + offset * 30_000));
    expect(matchTotp({ secret, code: codeAt(-1), at, lastStep: null })).toBe(step - 1);
    expect(matchTotp({ secret, code: codeAt(1), at, lastStep: null })).toBe(step + 1);
    expect(matchTotp({ secret, code: codeAt(-2), at, lastStep: null })).toBeNull();
    expect(matchTotp({ secret, code: codeAt(2), at, lastStep: null })).toBeNull();
  });

  it("refuses a code of a step already used, or of an earlier one (replay)", () => {
    const step = totpStep(at);
    const code = totpCode(secret, at);
    expect(matchTotp({ secret, code, at, lastStep: step - 1 })).toBe(step);
    expect(matchTotp({ secret, code, at, lastStep: step })).toBeNull();
    expect(
      matchTotp({ secret, code: totpCode(secret, new Date(at.getTime() - 30_000)), at, lastStep: step }),
    ).toBeNull();
  });

  it("takes spaces in a code, refuses anything but six digits", () => {
    const code = totpCode(secret, at);
    expect(
      matchTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, at, lastStep: null }),
    ).not.toBeNull();
    expect(matchTotp({ secret, code: `${code}0`, at, lastStep: null })).toBeNull();
    expect(matchTotp({ secret, code: "", at, lastStep: null })).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten different codes, hashed the same however typed", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
      expect(hashRecoveryCode(code.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(code));
    }
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
