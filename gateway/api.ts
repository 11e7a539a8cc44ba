import type { IncomingMessage, ServerResponse } from "node:http";
import type { TApiRoute } from "./api-route";
import { hasApiKey } from "./auth";
import type { TGatewaySetup } from "./context";
import { BodyTooLargeError, createRouter, fail, readBody, sendText, sleep, type TResult } from "./http";
import { createIdempotentWrites } from "./idempotency";
import { applePayRoutes } from "./routes/apple-pay";
import { paymentMethodRoutes } from "./routes/payment-methods";
import { paymentRoutes } from "./routes/payments";
import { settlementBatchRoutes } from "./routes/settlement-batches";

/**
 * /v1, the server-to-server API: the API key, the route, then a read runs as it is and a write
 * under its Idempotency-Key (idempotency.ts). Every answer waits `latencyMs` first (fault
 * injection); the "no response" test card's answer is never sent.
 */
export const createApi = (setup: TGatewaySetup) => {
  const { db, log, apiKey, latencyMs, hangMs, webhookUrl, walletSecret, methodKey, kickWebhooks } = setup;
  const routes = createRouter<TApiRoute>([
    ...paymentRoutes,
    ...paymentMethodRoutes,
    ...applePayRoutes(setup),
    ...settlementBatchRoutes,
  ]);
  const runWrite = createIdempotentWrites(setup);

  const hanging = new Map<ServerResponse, NodeJS.Timeout>();

  /** Keeps the connection open with no answer (the 0259 fault), dropping it after `hangMs`. */
  const hang = (res: ServerResponse) => {
    if (!res.socket || res.socket.destroyed) return; // the client has already given up
    const timer = setTimeout(() => res.socket?.destroy(), hangMs);
    hanging.set(res, timer);
    res.on("close", () => {
      clearTimeout(timer);
      hanging.delete(res);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const respond = async (status: number, text: string, headers: Record<string, string> = {}) => {
      if (latencyMs > 0) await sleep(latencyMs);
      sendText(res, status, text, headers);
    };
    const respondResult = (r: TResult) => respond(r.status, JSON.stringify(r.body));

    if (!hasApiKey(req, apiKey)) {
      return respondResult(
        fail(401, "unauthorized", "A valid API key is required (Authorization: Bearer sk_…)."),
      );
    }
    const match = routes.match(req.method ?? "GET", url.pathname);
    if (match === null) return respondResult(fail(404, "not_found", "No such endpoint."));
    if (match === "method") return respondResult(fail(405, "invalid_request", "Method not allowed."));

    const { handler, params } = match;
    if (handler.kind === "read")
      return respondResult(await handler.run(db, { params, query: url.searchParams }));

    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || key.length < 1 || key.length > 255) {
      return respondResult(
        fail(400, "invalid_request", "An Idempotency-Key header of 1 to 255 characters is required."),
      );
    }
    let body: unknown = {};
    try {
      const raw = (await readBody(req)).toString("utf8");
      if (raw.trim() !== "") body = JSON.parse(raw);
    } catch (err) {
      const message = err instanceof BodyTooLargeError ? err.message : "The body is not valid JSON.";
      return respondResult(fail(400, "invalid_request", message));
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return respondResult(fail(400, "invalid_request", "The body must be a JSON object."));
    }

    const method = req.method ?? "POST";
    const outcome = await runWrite({
      method,
      pathname: url.pathname,
      key,
      body,
      schema: handler.schema,
      run: (sql, now, input) =>
        handler.run({ sql, now, webhookUrl, idempotencyKey: key, walletSecret, methodKey }, params, input),
    });
    kickWebhooks();
    if (outcome.hang) {
      log(`${method} ${url.pathname}: approved, response withheld (the "no response" test card)`);
      return hang(res);
    }
    return respond(outcome.status, outcome.text, outcome.replayed ? { "Idempotent-Replayed": "true" } : {});
  };

  return {
    handle,
    /** Drops the connections whose answers are withheld (on close). */
    dropHanging: () => {
      for (const res of hanging.keys()) res.socket?.destroy();
    },
  };
};
