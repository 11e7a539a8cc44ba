// The HTTP side of scripts/server.mjs, apart from Next so that a test can drive it with a stand-in
// handler (scripts/http-server.test.ts): the request id, the client-IP headers, one call of
// `observe` per finished request, and the graceful shutdown. Types in http-server.d.mts.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { isRefusedAddress, REFUSED_ADDRESS_MESSAGE } from "../lib/http/refused-address.mjs";

/**
 * Headers only a proxy of ours may set. Next takes the client IP from X-Forwarded-For and, for
 * the Origin check on server actions, the host from X-Forwarded-Host: a client that sent its own
 * X-Forwarded-Host: evil.example could post an action from evil.example. X-Request-Id too: a
 * client must not choose the id our logs file its request under.
 */
export const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-real-ip",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-request-id",
];

/** An incoming X-Request-Id we keep (from our own proxy only): 1–128 of letters, digits, `-_.:`. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A Node HTTP server in front of `handle` (Next's request handler):
 * - every request gets an id (the proxy's X-Request-Id when TRUST_PROXY=true and it is well
 *   formed, else a new UUID), given to the app as the X-Request-Id request header and returned
 *   as the X-Request-Id response header on every answer;
 * - `handle` runs inside `requests.run(store)`, so app code can read the id and annotate the
 *   request (lib/log: the user id, the payment id);
 * - `observe` is called once per request when it is over (answered, or the client went away);
 * - an address with a control character in its path or a NUL anywhere is answered 400 here
 *   (lib/http/refused-address.mjs), before Next reads it.
 *
 * An idle kept-alive connection stays open `keepAliveTimeoutMs` (65 s), not Node's 5 s: a load
 * balancer reuses its idle connections for up to its own idle timeout (AWS's ALB: 60 s), and a
 * server that closes one first races the balancer's next request on it, which the balancer then
 * answers 502 (a client of ours sees ECONNRESET). The balancer's idle timeout must be the shorter.
 *
 * `shutdown(signal)` stops taking connections, answers 503 with `Connection: close` to any new
 * request on a connection already open, waits for the requests in flight, runs `stopApp` (the
 * job worker, the database), closes the remaining connections and calls `exit(0)`; if that
 * takes longer than `shutdownTimeoutMs`, it calls `exit(1)` there and then.
 */
export const createPortalServer = ({
  handle,
  routeOf,
  observe,
  log,
  requests,
  trustProxy = false,
  keepAliveTimeoutMs = 65_000,
  shutdownTimeoutMs = 25_000,
  stopApp = async () => {},
  exit = (code) => process.exit(code),
}) => {
  let stopping = false;
  let inFlight = 0;
  let onDrained = () => {};

  /** As requests finish while stopping: idle kept-alive connections close, and the drain may end. */
  const drained = () => {
    server.closeIdleConnections();
    if (inFlight === 0) onDrained();
  };

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const incomingId = req.headers["x-request-id"];
    const requestId =
      trustProxy && typeof incomingId === "string" && WELL_FORMED_REQUEST_ID.test(incomingId)
        ? incomingId
        : randomUUID();
    if (!trustProxy) {
      for (const name of FORWARDING_HEADERS) delete req.headers[name];
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    }
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);

    const store = { requestId };
    inFlight += 1;
    res.once("close", () => {
      inFlight -= 1;
      observe({
        requestId,
        method: req.method ?? "GET",
        route: routeOf(req.url ?? "/"),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        aborted: !res.writableFinished,
        userId: store.userId,
        paymentId: store.paymentId,
      });
      if (stopping) setImmediate(drained);
    });

    if (stopping) {
      // A new request on a connection opened before SIGTERM: this instance is going away.
      res.writeHead(503, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        Connection: "close",
        "Retry-After": "1",
      });
      res.end("This server is restarting. Please try again.\n");
      return;
    }
    if (isRefusedAddress(req.url ?? "/")) {
      // Before Next, for every request: a server action's call too, which skips proxy.ts.
      res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end(REFUSED_ADDRESS_MESSAGE);
      return;
    }
    requests.run(store, () => void handle(req, res));
  });
  // Waiting for a request's headers has its own timer (headersTimeout, 60 s), which starts with
  // the request's first byte: it does not cut a kept-alive connection's idle time short.
  server.keepAliveTimeout = keepAliveTimeoutMs;

  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    log.info(
      { signal, inFlight, timeoutSeconds: shutdownTimeoutMs / 1000 },
      "shutting down: draining requests",
    );
    const timer = setTimeout(() => {
      log.error({ inFlight }, `shutdown took longer than ${shutdownTimeoutMs / 1000} s: exiting now`);
      exit(1);
    }, shutdownTimeoutMs);
    timer.unref();

    const closed = new Promise((resolve) => server.close(() => resolve()));
    await new Promise((resolve) => {
      onDrained = resolve;
      drained();
    });
    log.info("requests drained: stopping background work");
    try {
      await stopApp();
    } catch (error) {
      log.error({ err: error }, "stopping background work failed");
    }
    server.closeAllConnections(); // what is left is idle: every answer has gone out
    await closed;
    clearTimeout(timer);
    log.info("stopped");
    exit(0);
  };

  return { server, shutdown, isStopping: () => stopping };
};
