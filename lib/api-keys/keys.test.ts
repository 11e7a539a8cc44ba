import { describe, expect, it } from "vitest";
import { hashApiKey, isApiKeyPrefix, isApiKeyShaped, newApiKey } from "./keys";

describe("API keys", () => {
  it("makes a key with its visible prefix and its SHA-256", () => {
    const { key, prefix, keyHash } = newApiKey();
    expect(key).toMatch(/^ppk_live_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 17));
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(isApiKeyShaped(key)).toBe(true);
    expect(isApiKeyPrefix(prefix)).toBe(true);
  });

  it("never makes the same key twice", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it("refuses what is not a key or a prefix", () => {
    expect(isApiKeyShaped("ppk_live_short")).toBe(false);
    expect(isApiKeyShaped(`sk_live_${"a".repeat(43)}`)).toBe(false);
    expect(isApiKeyShaped(`ppk_live_${"a".repeat(42)}!`)).toBe(false);
    expect(isApiKeyPrefix("ppk_live_ab12")).toBe(false);
    expect(isApiKeyPrefix("ppk_live_ab12cd3!")).toBe(false);
  });
});
