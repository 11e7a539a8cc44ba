#!/usr/bin/env node
// The portal's production server: Next's request handler behind a plain Node HTTP server,
// so that the client IP the app sees (for lockouts and the audit log) cannot be forged.
// Next fills X-Forwarded-For with the socket address only when the request has none; a
// client could otherwise send its own. Unless TRUST_PROXY=true (a proxy of ours sets the
// headers), every forwarding header from the client is dropped first (FORWARDING_HEADERS).
import http from "node:http";
import path from "node:path";
import next from "next";
import { createRequestMetrics, metricsRegistry, routePatternOfBuild } from "./request-metrics.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === "true";

const app = next({ dev: false, dir: root, port });
const handle = app.getRequestHandler();
await app.prepare();
// Request latency by route on the registry /api/metrics serves (scripts/request-metrics.mjs).
const routeOf = routePatternOfBuild(root);
const observeRequest = createRequestMetrics({ registry: metricsRegistry() });

/**
 * Headers only a proxy of ours may set. Next takes the client IP from X-Forwarded-For and, for
 * the Origin check on server actions, the host from X-Forwarded-Host: a client that sent its own
 * X-Forwarded-Host: evil.example could post an action from evil.example.
 */
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-real-ip",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
];

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const { method, url } = req;
    observeRequest({
      method,
      route: routeOf(url),
      status: res.statusCode,
      durationMs,
      aborted: !res.writableFinished,
    });
  });
  if (!trustProxy) {
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  }
  void handle(req, res);
});
server.listen(port, () => console.log(`✓ Ready on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
