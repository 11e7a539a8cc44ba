import { headers } from "next/headers";
import { env } from "@/lib/env";

export type TRequestContext = { ip: string | null; userAgent: string | null };

/** Who is on the other end of this request, for the audit log and rate limits. */
export const getRequestContext = async (): Promise<TRequestContext> => {
  const h = await headers();
  return contextFromHeaders(h);
};

export const contextFromHeaders = (h: Headers | { get(name: string): string | null }): TRequestContext => {
  const forwarded =
    env().TRUST_PROXY === "true" ? h.get("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  // Next's server puts the socket address in x-forwarded-for itself when no proxy did.
  const ip = forwarded || h.get("x-real-ip") || h.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  return { ip, userAgent: h.get("user-agent")?.slice(0, 300) ?? null };
};
