import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Who may ask what: the secret API key on /v1 (server to server), and on the hosted pages the
 * publishable key, a parent origin on the allowed list, and for their POSTs this gateway's own
 * origin.
 */

/** Compares hashes, so that neither the length nor the content of a key leaks through timing. */
export const sameSecret = (given: string, expected: string) => {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
};

/** `Authorization: Bearer <the API key>`. */
export const hasApiKey = (req: IncomingMessage, apiKey: string) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  return bearer !== undefined && sameSecret(bearer, apiKey);
};

/** "origin" as the browser writes it (scheme://host[:port]), or null. */
export const normalizeOrigin = (value: string | null | undefined): string | null => {
  if (!value) return null;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
};

/** The configured parent origins, normalized; a value that is not an origin stops the start. */
export const allowedOriginSet = (origins: string[]) =>
  new Set(
    origins.map((o) => {
      const n = normalizeOrigin(o);
      if (!n) throw new Error(`not an origin: ${o}`);
      return n;
    }),
  );

/** The parent origin a page's URL or POST names, when it may frame our pages; else null. */
export const allowedParentOrigin = (value: string | null | undefined, allowedOrigins: Set<string>) => {
  const origin = normalizeOrigin(value);
  return origin && allowedOrigins.has(origin) ? origin : null;
};

/** A request from a page of this gateway's own origin (the hosted fields, the wallet simulator). */
export const isSameOrigin = (req: IncomingMessage) => {
  const fetchSite = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  const ownHost = req.headers.host;
  return !(
    (fetchSite !== undefined && fetchSite !== "same-origin") ||
    (origin !== undefined && (!ownHost || normalizeOrigin(origin)?.split("://")[1] !== ownHost))
  );
};
