import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

/**
 * The error body of the contract: {"error": {"code", "message", "retryable"}} (+ "fields" for
 * hosted forms, + "decline_code" and "decline_message" for a card refused when stored).
 */
export type TErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "not_found"
  | "already_settled"
  | "not_settled"
  | "already_voided"
  | "payment_declined"
  | "card_declined"
  | "payment_method_not_found"
  | "token_expired"
  | "token_used"
  | "wallet_token_invalid"
  | "wallet_method_not_storable"
  | "invalid_validation_url"
  | "apple_pay_domain_not_registered"
  | "amount_exceeds_refundable"
  | "idempotency_key_reused"
  | "refund_window_expired"
  | "processor_error"
  | "unavailable";

/** What a handler answers: a status and a JSON body. `hang` holds the response back (test card 0259). */
export type TResult = { status: number; body: unknown; hang?: boolean };

export const ok = (body: unknown, status = 200): TResult => ({ status, body });

export const fail = (
  status: number,
  code: TErrorCode,
  message: string,
  extra: {
    retryable?: boolean;
    fields?: Record<string, string>;
    decline?: { code: string; message: string };
  } = {},
): TResult => ({
  status,
  body: {
    error: {
      code,
      message,
      retryable: extra.retryable ?? (code === "processor_error" || code === "unavailable"),
      ...(extra.fields ? { fields: extra.fields } : {}),
      // The same names as on a declined payment, so a client reads a decline one way.
      ...(extra.decline ? { decline_code: extra.decline.code, decline_message: extra.decline.message } : {}),
    },
  },
});

/** A zod refusal as one line that names the fields (never the values sent). */
export const zodMessage = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");

export class BodyTooLargeError extends Error {}

/** The raw request body, refused beyond `limit` bytes. */
export const readBody = async (req: IncomingMessage, limit = 64 * 1024): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError(`body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
};

const BASE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

export const sendText = (
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, {
    ...BASE_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
};

export const sendResult = (
  res: ServerResponse,
  result: TResult,
  headers: Record<string, string> = {},
): void => sendText(res, result.status, JSON.stringify(result.body), headers);

/** JSON with object keys sorted at every level, so that two equal bodies compare equal as text. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};

export type TRouteMatch<H> = { handler: H; params: Record<string, string> };

/** A tiny router: `/v1/payments/:id/void` style patterns. */
export const createRouter = <H>(routes: { method: string; path: string; handler: H }[]) => {
  const compiled = routes.map((r) => {
    const names: string[] = [];
    const source = r.path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    return { ...r, regex: new RegExp(`^${source}$`), names };
  });
  return {
    /** The handler for method + path; `null` when no route has this path, "method" when another method does. */
    match: (method: string, pathname: string): TRouteMatch<H> | "method" | null => {
      let pathMatched = false;
      for (const r of compiled) {
        const m = r.regex.exec(pathname);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== method) continue;
        const params: Record<string, string> = {};
        r.names.forEach((name, i) => {
          params[name] = decodeURIComponent(m[i + 1] ?? "");
        });
        return { handler: r.handler, params };
      }
      return pathMatched ? "method" : null;
    },
  };
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
