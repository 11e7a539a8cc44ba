import { hkdfSync } from "node:crypto";
import { cookies } from "next/headers";
import { jwtDecrypt } from "jose";
import { sessionCookie } from "@/lib/auth/options";
import { secrets } from "@/lib/env";

/**
 * Reading the session cookie next-auth wrote, without next-auth's request machinery.
 *
 * `getServerSession` answers a page by running next-auth's whole session endpoint inside the
 * request: it derives the key (HKDF) and decrypts the JWT, runs the callbacks, then derives the
 * key again to encrypt a new JWT that a page cannot even set. Profiled under load that was a
 * measurable share of every signed-in request, for one thing a page needs: the claims. This
 * reads them the way next-auth's own `decode` (next-auth/jwt) does, the same cookie (its
 * chunks joined as next-auth's SessionStore joins them), the same key derivation and the same
 * clock tolerance, with the key derived once per secret. The cookie is still issued and
 * renewed by next-auth alone (sign-in, and the browser's keepalive of /api/auth/session).
 */

/** next-auth's `getDerivedEncryptionKey(secret, "")`: HKDF-SHA256, no salt, its fixed info, 32 bytes. */
const deriveKey = (secret: string) =>
  new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));

/**
 * The key as an AES-GCM CryptoKey (next-auth's tokens are `dir` + A256GCM), derived and imported
 * once per secret: given the bytes, jose would import them again on every request.
 */
const keys = new Map<string, Promise<CryptoKey>>();
const keyFor = (secret: string) => {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", deriveKey(secret), "AES-GCM", false, ["decrypt"]);
    keys.set(secret, key);
  }
  return key;
};

/**
 * The session token among `cookies`: the cookie `name`, or its chunks `name.0`, `name.1`… joined
 * in order (next-auth splits a token longer than a cookie may be). Undefined when there is none.
 */
export const sessionTokenOf = (cookies: readonly { name: string; value: string }[], name: string) => {
  const parts = cookies.filter((c) => c.name === name || c.name.startsWith(`${name}.`));
  if (parts.length === 0) return undefined;
  const index = (cookieName: string) => Number.parseInt(cookieName.split(".").pop() ?? "0", 10);
  return parts
    .sort((a, b) => index(a.name) - index(b.name))
    .map((c) => c.value)
    .join("");
};

/**
 * The claims of a session token, as next-auth's `decode` returns them, or null for a token that
 * is not one (another secret, altered, expired beyond 15 seconds of tolerance).
 */
export const decodeSessionToken = async (
  token: string | undefined,
  secret: string,
): Promise<Record<string, unknown> | null> => {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, await keyFor(secret), { clockTolerance: 15 });
    return payload;
  } catch {
    return null;
  }
};

/** The claims of this request's session cookie (null: none, or not a good one). */
export const readSessionClaims = async () =>
  decodeSessionToken(sessionTokenOf((await cookies()).getAll(), sessionCookie().name), secrets().authSecret);
