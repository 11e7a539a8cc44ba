// Request latency by route for /api/metrics, observed by scripts/server.mjs where each request
// finishes, with the route pattern the request log line has (lib/log/route-pattern.mjs). The
// histogram goes on the process's one registry (lib/metrics/registry.ts keeps it on globalThis
// under the same Symbol.for key), so the app's /api/metrics serves it too.
import { Histogram, Registry } from "prom-client";

export const METRICS_REGISTRY_KEY = Symbol.for("portal.metrics.registry");
export const REQUEST_DURATION_METRIC = "portal_http_request_duration_seconds";

/** The process's registry: made here when the server starts before the app has made it. */
export const metricsRegistry = () => {
  const store = /** @type {Record<symbol, Registry | undefined>} */ (/** @type {unknown} */ (globalThis));
  store[METRICS_REGISTRY_KEY] ??= new Registry();
  return store[METRICS_REGISTRY_KEY];
};

const METHODS = new Set(["GET", "HEAD", "POST"]);

/**
 * Registers portal_http_request_duration_seconds{method, route, status} on `registry` (once: a
 * second call shares it) and returns the observer to call once per finished request, with what
 * the server knows of it then: `status` becomes its class (2xx … 5xx), or `aborted` when the
 * client went away first, and `method` GET, HEAD, POST or other, to keep the series few.
 * @param {{ registry: Registry }} options
 * @returns {(request: { method?: string, route: string, status: number, durationMs: number, aborted: boolean }) => void}
 */
export const createRequestMetrics = ({ registry }) => {
  const histogram =
    /** @type {Histogram<"method" | "route" | "status"> | undefined} */ (
      registry.getSingleMetric(REQUEST_DURATION_METRIC)
    ) ??
    new Histogram({
      name: REQUEST_DURATION_METRIC,
      help: "HTTP requests to the portal, from arrival to the end of the response, by route pattern.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  return ({ method, route, status, durationMs, aborted }) => {
    histogram.observe(
      {
        method: METHODS.has(method ?? "") ? /** @type {string} */ (method) : "other",
        route,
        status: aborted ? "aborted" : `${Math.floor(status / 100)}xx`,
      },
      durationMs / 1000,
    );
  };
};
