import http from "node:http";
import https from "node:https";

/** What the gateway client reads of an answer (a fetch `Response` has it too). */
export type TGatewayAnswer = { ok: boolean; status: number; json: () => Promise<unknown> };

/** How the gateway client sends a request: fetch's shape, narrowed to what it uses. */
export type TGatewayFetch = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<TGatewayAnswer>;

/**
 * Kept-alive connections to the gateway, as a fetch would keep them, per protocol: an idle one is
 * closed after 4 s (fetch's default), or a second before the gateway's `Keep-Alive: timeout=`
 * if that is sooner. Kept longer, it could be closed by the gateway or its load balancer just as a
 * request is written on it: a reset. lib/gateway/client.ts sends a read or a change with an
 * idempotency key again once, but a change without one cannot be sent again. (The `timeout`
 * applies to idle connections only: a charge in flight waits for its own signal.)
 */
const IDLE_MS = 4_000;
const AGENTS = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
} as const;

/**
 * The gateway client's requests over node:http(s), not the global fetch: inside Next the global
 * fetch is Next's own (it wraps every call for its data cache and tracing), and fetch's web
 * streams cost more CPU than the request they carry. A charge runs on every payment; profiled,
 * the fetch around it was a tenth of the portal's CPU per payment (docs/database.md, "Hot
 * paths"). Same contract: the body is read whole; an abort (the client's timeout) rejects with
 * the signal's reason, a network failure with the socket's error, and either leaves the charge
 * INDETERMINATE in the client.
 */
export const nodeFetch: TGatewayFetch = (url, { method, headers, body, signal }) =>
  new Promise<TGatewayAnswer>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const protocol = url.protocol === "https:" ? "https:" : "http:";
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(signal?.aborted ? signal.reason : error);
    };
    const request = (protocol === "https:" ? https : http).request(
      url,
      {
        method,
        agent: AGENTS[protocol],
        headers:
          body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("aborted", () => fail(new Error("the gateway's answer was cut off")));
        response.on("end", () => {
          if (settled) return;
          settled = true;
          const text = Buffer.concat(chunks).toString("utf8");
          const status = response.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            json: async () => JSON.parse(text) as unknown,
          });
        });
      },
    );
    request.on("error", fail);
    request.end(body);
  });
