import { headers } from "next/headers";

export type TRequestContext = { ip: string | null; userAgent: string | null };

/** Who is on the other end of this request, for the audit log and rate limits. */
export const getRequestContext = async (): Promise<TRequestContext> => {
  const h = await headers();
  return contextFromHeaders(h);
};

/**
 * scripts/server.mjs sets X-Forwarded-For to the socket address, unless TRUST_PROXY=true says
 * that a proxy of ours set it; either way its first entry is the client.
 */
export const contextFromHeaders = (h: Headers | { get(name: string): string | null }): TRequestContext => ({
  ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || null,
  userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
});
