import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { allowedParentOrigin, isSameOrigin, sameSecret } from "../auth";
import type { TGatewaySetup } from "../context";
import { fail, readBody, zodMessage, type TResult } from "../http";
import { REFUSED_CSP, refusedHtml } from "../hosted/page";

/**
 * What the gateway's own pages (the hosted fields, the wallet simulator) have in common: how a
 * page is sent, the checks of its URL (the publishable key, a parent origin allowed to frame it)
 * and the checks of the POST its script makes.
 */

type TPageKeys = Pick<TGatewaySetup, "publishableKey" | "allowedOrigins">;

export const sendHtml = (res: ServerResponse, status: number, html: string, csp: string) => {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(html)),
    "Content-Security-Policy": csp,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  });
  res.end(html);
};

/** A refusal page: no script, and no one may frame it. */
export const sendRefusal = (res: ServerResponse, status: number, reason: string) =>
  sendHtml(res, status, refusedHtml(reason), REFUSED_CSP);

/**
 * The parent origin a page's URL names (`?key=…&origin=…`) once its key and origin pass; else
 * the refusal is sent and the answer is null. `what` names the page to the person who sees it.
 */
export const pageParentOrigin = (
  res: ServerResponse,
  query: URLSearchParams,
  { publishableKey, allowedOrigins }: TPageKeys,
  what: "payment form" | "payment sheet",
): string | null => {
  if (!sameSecret(query.get("key") ?? "", publishableKey)) {
    sendRefusal(res, 403, `This ${what} is not set up for this merchant.`);
    return null;
  }
  const parentOrigin = allowedParentOrigin(query.get("origin"), allowedOrigins);
  if (!parentOrigin) sendRefusal(res, 403, `This ${what} cannot be shown on this site.`);
  return parentOrigin;
};

/**
 * The checks every POST from one of our own pages makes before its work: sent from this origin,
 * JSON, the body valid for `schema`, the publishable key, and a parent origin allowed to use
 * `what`. Messages name fields, never the values typed.
 */
export const readPagePost = async <TSchema extends z.ZodType<{ key: string; origin: string }>>(
  req: IncomingMessage,
  schema: TSchema,
  { publishableKey, allowedOrigins }: TPageKeys,
  { page, what }: { page: string; what: string },
): Promise<{ ok: true; input: z.output<TSchema>; parentOrigin: string } | { ok: false; result: TResult }> => {
  const refuse = (result: TResult) => ({ ok: false as const, result });
  if (!isSameOrigin(req)) return refuse(fail(403, "unauthorized", `${page} only.`));
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
    return refuse(fail(415, "invalid_request", "Content-Type must be application/json."));
  }
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req, 8 * 1024)).toString("utf8"));
  } catch {
    return refuse(fail(400, "invalid_request", "The body is not valid JSON."));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return refuse(fail(400, "invalid_request", zodMessage(parsed.error)));
  const input = parsed.data;
  if (!sameSecret(input.key, publishableKey))
    return refuse(fail(401, "unauthorized", "Unknown publishable key."));
  const parentOrigin = allowedParentOrigin(input.origin, allowedOrigins);
  if (!parentOrigin) return refuse(fail(403, "unauthorized", `This origin may not use ${what}.`));
  return { ok: true, input, parentOrigin };
};
