import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { routeMatcher } from "../lib/log/route-pattern.mjs";
import { createRequestMetrics, REQUEST_DURATION_METRIC } from "./request-metrics.mjs";

/** A few routes as .next/routes-manifest.json lists them. */
const manifest = {
  staticRoutes: ["/", "/bills", "/api/ready", "/guest/pay"].map((page) => ({ page, regex: `^${page}$` })),
  dynamicRoutes: [
    { page: "/bills/[statementId]", regex: "^/bills/([^/]+?)(?:/)?$" },
    { page: "/receipts/[paymentId]/pdf", regex: "^/receipts/([^/]+?)/pdf(?:/)?$" },
    { page: "/api/v1/[[...path]]", regex: "^/api/v1(?:/(.+?))?(?:/)?$" },
  ],
};

const countsOf = async (registry: Registry) => {
  const [metric] = (await registry.getMetricsAsJSON()).filter((m) => m.name === REQUEST_DURATION_METRIC);
  const values = (metric?.values ?? []) as { metricName?: string; labels: object; value: number }[];
  return values
    .filter((v) => v.metricName === `${REQUEST_DURATION_METRIC}_count`)
    .map((v) => ({ ...v.labels, count: v.value }));
};

describe("createRequestMetrics", () => {
  it("observes each finished request by method, route and status class; one the client left as aborted", async () => {
    const registry = new Registry();
    const observe = createRequestMetrics({ registry });
    const routeOf = routeMatcher(manifest);
    for (const [method, url, status, aborted] of [
      ["GET", "/bills/a1", 200, false],
      ["GET", "/bills/b2", 204, false],
      ["POST", "/guest/pay", 303, false],
      ["PROPFIND", "/nope", 404, false],
      [undefined, "/", 500, false],
      ["GET", "/api/ready", 200, true],
    ] as const) {
      observe({ method, route: routeOf(url), status, durationMs: 12.5, aborted });
    }
    expect(await countsOf(registry)).toEqual([
      { method: "GET", route: "/bills/[statementId]", status: "2xx", count: 2 },
      { method: "POST", route: "/guest/pay", status: "3xx", count: 1 },
      { method: "other", route: "(unmatched)", status: "4xx", count: 1 },
      { method: "other", route: "/", status: "5xx", count: 1 },
      { method: "GET", route: "/api/ready", status: "aborted", count: 1 },
    ]);
    const [metric] = (await registry.getMetricsAsJSON()).filter((m) => m.name === REQUEST_DURATION_METRIC);
    const sums = (metric?.values ?? []).filter(
      (v) => (v as { metricName?: string }).metricName === `${REQUEST_DURATION_METRIC}_sum`,
    );
    expect(sums[0]?.value).toBeCloseTo(0.025); // two requests of 12.5 ms, in seconds
  });

  it("shares one histogram when made twice on one registry", async () => {
    const registry = new Registry();
    for (const observe of [createRequestMetrics({ registry }), createRequestMetrics({ registry })]) {
      observe({ method: "GET", route: "/bills", status: 200, durationMs: 1, aborted: false });
    }
    expect(await countsOf(registry)).toEqual([{ method: "GET", route: "/bills", status: "2xx", count: 2 }]);
  });
});
