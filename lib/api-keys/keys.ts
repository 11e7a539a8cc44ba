import { createHash, randomBytes } from "node:crypto";

/**
 * An API key (docs/api.md, "Keys"): `ppk_live_` and 43 characters of base64url, 256 random bits.
 * Only its SHA-256 is stored. A slow password hash (argon2) is for secrets people choose, which
 * can be guessed; a key of 256 random bits cannot be, whatever the hash, and a fast hash keeps
 * the lookup on every request to one indexed equality.
 */
export const API_KEY_PREFIX = "ppk_live_";
/** How many characters of the key are kept and shown to tell it apart: the prefix and 8 more. */
export const API_KEY_VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;

const KEY_SHAPE = /^ppk_live_[A-Za-z0-9_-]{43}$/;

export type TNewApiKey = { key: string; prefix: string; keyHash: string };

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export const newApiKey = (): TNewApiKey => {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_VISIBLE_LENGTH), keyHash: hashApiKey(key) };
};

/** Whether a string has the shape of a key (checked before any query). */
export const isApiKeyShaped = (value: string) => KEY_SHAPE.test(value);

/** Whether a string can be a key's visible prefix (what `npm run api-key -- revoke` takes). */
export const isApiKeyPrefix = (value: string) =>
  value.length === API_KEY_VISIBLE_LENGTH && KEY_SHAPE.test(`${value}${"A".repeat(43 - 8)}`);
