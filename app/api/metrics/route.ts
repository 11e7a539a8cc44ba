import { answerMetricsRequest } from "@/lib/metrics/endpoint";

export const dynamic = "force-dynamic";

/** Prometheus metrics for a bearer of METRICS_TOKEN (docs/operations.md, "Metrics"). */
export const GET = (request: Request) => answerMetricsRequest(request);
