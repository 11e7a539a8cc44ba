import "server-only";
import { secrets } from "@/lib/env";
import { metricsRegistry, portalMetrics } from "@/lib/metrics/registry";
import { refreshScrapeGauges } from "@/lib/metrics/scrape";
import { checkMetricsAccess } from "@/lib/metrics/token";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/metrics: the Prometheus text format, for a bearer of METRICS_TOKEN. Without a token
 * configured there is no endpoint (404); a missing or wrong token is a 401 that names the scheme.
 * The job queue and backlog gauges are read from the database first (refreshScrapeGauges).
 */
export const answerMetricsRequest = async (request: Request): Promise<Response> => {
  const access = checkMetricsAccess({
    token: secrets().metricsToken,
    authorization: request.headers.get("authorization"),
  });
  if (access === "disabled") return new Response("Not found\n", { status: 404, headers: NO_STORE });
  if (access === "unauthorized") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const metrics = portalMetrics();
  await refreshScrapeGauges({ metrics });
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { ...NO_STORE, "Content-Type": registry.contentType },
  });
};
