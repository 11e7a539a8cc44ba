#!/usr/bin/env node
// The portal's production server: Next's request handler behind a plain Node HTTP server
// (scripts/http-server.mjs), so that the client IP the app sees (for lockouts and the audit
// log) cannot be forged, every answer carries a request id, every request is logged once, and
// SIGTERM drains the instance (docs/operations.md).
//
// Next fills X-Forwarded-For with the socket address only when the request has none; a
// client could otherwise send its own. Unless TRUST_PROXY=true (a proxy of ours sets the
// headers), every forwarding header from the client is dropped first (FORWARDING_HEADERS).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import next from "next";
import { getLogger, requestStore, routeConsoleToLogger } from "../lib/log/logger.mjs";
import { routeMatcher } from "../lib/log/route-pattern.mjs";
import { createPortalServer } from "./http-server.mjs";
import { createRequestMetrics, metricsRegistry } from "./request-metrics.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);

// Made before Next loads the app: the app's lib/log finds this logger and this request store
// on globalThis, so its lines carry the request id.
const log = getLogger();
// Next's own messages too (an error thrown while rendering, a refused server action): every line
// this process prints is JSON, redacted, with the request id.
routeConsoleToLogger(log);

const app = next({ dev: false, dir: root, port });
const handle = app.getRequestHandler();
await app.prepare();
// The server's start (instrumentation.ts) has checked the configuration, these two included, and
// stopped the process naming any bad value (lib/env.ts): what is set here is a number in range.
const secondsOf = (name, fallback) => Number(process.env[name]?.trim() || fallback);
const shutdownSeconds = secondsOf("SHUTDOWN_TIMEOUT_SECONDS", 25);
const keepAliveSeconds = secondsOf("KEEP_ALIVE_TIMEOUT_SECONDS", 65);
// Request latency by route on the registry /api/metrics serves (scripts/request-metrics.mjs).
const observeRequest = createRequestMetrics({ registry: metricsRegistry() });

const publicFiles = (dir, prefix = "") =>
  !existsSync(dir)
    ? []
    : readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory() ? publicFiles(file, `${prefix}/${name}`) : [`${prefix}/${name}`];
      });

/** A request path's route pattern (`/receipts/[paymentId]`), from the build's routes manifest. */
const routeOf = routeMatcher(
  JSON.parse(readFileSync(path.join(root, ".next", "routes-manifest.json"), "utf8")),
  publicFiles(path.join(root, "public")),
);

/**
 * THE place where a finished request is observed, once per request, answered or abandoned:
 * its log line here, and anything else that wants every request (request metrics).
 */
const observeFinishedRequest = ({
  requestId,
  method,
  route,
  status,
  durationMs,
  aborted,
  userId,
  paymentId,
}) => {
  log.info(
    {
      requestId,
      method,
      route,
      status,
      durationMs,
      ...(aborted ? { aborted: true } : {}),
      ...(userId ? { userId } : {}),
      ...(paymentId ? { paymentId } : {}),
    },
    "request",
  );
  observeRequest({ method, route, status, durationMs, aborted });
};

const { server, shutdown } = createPortalServer({
  handle,
  routeOf,
  observe: observeFinishedRequest,
  log,
  requests: requestStore(),
  trustProxy: process.env.TRUST_PROXY === "true",
  keepAliveTimeoutMs: keepAliveSeconds * 1000,
  shutdownTimeoutMs: shutdownSeconds * 1000,
  // lib/startup/start-server.ts registers the app's part: the job worker after its current
  // jobs, the webhook poller and receipt sender, then the database.
  stopApp: async () => {
    const stopApp = globalThis[Symbol.for("portal.shutdown")];
    if (typeof stopApp === "function") await stopApp();
  },
  exit: (code) => {
    log.flush();
    process.exit(code);
  },
});
server.listen(port, () => log.info({ port }, `✓ Ready on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));
