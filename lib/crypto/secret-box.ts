import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets kept recoverable at rest (a webhook endpoint's signing secret, a user's TOTP secret):
 * AES-256-GCM under a 32-byte key of `secrets()` (each use has its own), stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), a random IV each, the tag checked on opening. Such a
 * secret must be recoverable to sign or check with, so it cannot be a hash; a database dump alone
 * does not give it away.
 */
export const sealWithKey = (plain: string, key: Uint8Array) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
};

/** The secret sealed by sealWithKey; throws when it was sealed under another key or altered. */
export const openWithKey = (sealed: string, key: Uint8Array) => {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
};
