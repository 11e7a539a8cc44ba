import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secrets } from "@/lib/env";

/**
 * The endpoints' signing secrets at rest: AES-256-GCM under the key of `secrets()`
 * (WEBHOOK_SECRET_KEY, or derived from NEXTAUTH_SECRET; docs/security.md), stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). A secret must be recoverable to sign with, so it
 * cannot be a hash; a database dump alone does not give it away.
 */
export const sealSecret = (plain: string, key: Uint8Array = secrets().webhookSecretKey) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
};

/** The secret sealed by sealSecret; throws when it was sealed under another key or altered. */
export const openSecret = (sealed: string, key: Uint8Array = secrets().webhookSecretKey) => {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
};

/** A new signing secret: "whsec_" and 32 random bytes (base64url). */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;
