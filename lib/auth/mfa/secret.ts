import "server-only";
import { secrets } from "@/lib/env";
import { openWithKey, sealWithKey } from "@/lib/crypto/secret-box";

/**
 * TOTP secrets at rest: sealed like the webhook signing secrets (AES-256-GCM, a random IV each,
 * the tag checked on opening; lib/crypto/secret-box.ts), under a key of their own
 * (`secrets().totpSecretKey`). A copy of the database alone gives no secret away.
 */
export const sealTotpSecret = (plain: string) => sealWithKey(plain, secrets().totpSecretKey);

export const openTotpSecret = (sealed: string) => openWithKey(sealed, secrets().totpSecretKey);
