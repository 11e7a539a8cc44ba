import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

/** The first bytes of an answer kept in the attempt log. */
export const RESPONSE_KEPT_BYTES = 2048;

export type TPostResult = {
  /** The HTTP status, or null when no answer came (refused, reset, timed out). */
  statusCode: number | null;
  latencyMs: number;
  /** The first 2 KB of the answer's body (UTF-8, invalid bytes replaced). */
  responseBody: string | null;
  error: string | null;
};

/**
 * POSTs a body to a URL, connecting to the address given (the one checked: checkWebhookUrl)
 * whatever the name resolves to now; TLS still checks the certificate against the URL's name.
 * No redirect is followed. The whole exchange, until the status and the first 2 KB of the body
 * are in, must fit in `timeoutMs`.
 */
export const postJson = ({
  url,
  address,
  family,
  body,
  headers,
  timeoutMs,
}: {
  url: URL;
  address: string;
  family: 4 | 6;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<TPostResult> =>
  new Promise((resolve) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let settled = false;
    const finish = (result: Omit<TPostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all)
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address, family },
        ]);
      else callback(null, address, family);
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: pinned,
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          finish({
            statusCode: response.statusCode ?? null,
            responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES).toString("utf8"),
            error: null,
          });
        response.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_KEPT_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
          if (kept >= RESPONSE_KEPT_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, responseBody: null, error: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on("error", (error) => finish({ statusCode: null, responseBody: null, error: error.message }));
    request.end(body);
  });
