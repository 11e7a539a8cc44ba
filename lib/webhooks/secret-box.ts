import "server-only";
import { randomBytes } from "node:crypto";
import { secrets } from "@/lib/env";
import { openWithKey, sealWithKey } from "@/lib/crypto/secret-box";

/**
 * The endpoints' signing secrets at rest: AES-256-GCM (lib/crypto/secret-box.ts) under the key of
 * `secrets()` (WEBHOOK_SECRET_KEY, or derived from NEXTAUTH_SECRET; docs/security.md). A secret
 * must be recoverable to sign with, so it cannot be a hash; a database dump alone does not give it
 * away.
 */
export const sealSecret = (plain: string, key: Uint8Array = secrets().webhookSecretKey) =>
  sealWithKey(plain, key);

/** The secret sealed by sealSecret; throws when it was sealed under another key or altered. */
export const openSecret = (sealed: string, key: Uint8Array = secrets().webhookSecretKey) =>
  openWithKey(sealed, key);

/** A new signing secret: "whsec_" and 32 random bytes (base64url). */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;
