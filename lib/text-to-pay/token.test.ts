import { describe, expect, it } from "vitest";
import { hashTextToPayToken, isTextToPayTokenShaped, newTextToPayToken } from "./token";

describe("text-to-pay tokens", () => {
  it("are 24 base64url characters (144 random bits), each new one different", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newTextToPayToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isTextToPayTokenShaped(token)).toBe(true);
  });

  it("refuses anything of another length or alphabet before a lookup", () => {
    const token = newTextToPayToken();
    expect(isTextToPayTokenShaped(`${token}A`)).toBe(false);
    expect(isTextToPayTokenShaped(token.slice(1))).toBe(false);
    expect(isTextToPayTokenShaped(`${token.slice(1)}=`)).toBe(false);
    expect(isTextToPayTokenShaped("x".repeat(5000))).toBe(false);
    expect(isTextToPayTokenShaped("")).toBe(false);
  });

  it("hashes to SHA-256 hex, never the token itself", () => {
    const token = newTextToPayToken();
    expect(hashTextToPayToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTextToPayToken(token)).not.toContain(token);
    expect(hashTextToPayToken(token)).toBe(hashTextToPayToken(token));
  });
});
