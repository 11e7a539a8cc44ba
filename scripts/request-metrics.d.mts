import type { Registry } from "prom-client";

export declare const METRICS_REGISTRY_KEY: symbol;
export declare const REQUEST_DURATION_METRIC: string;
export declare const metricsRegistry: () => Registry;
export declare const createRequestMetrics: (options: {
  registry: Registry;
}) => (request: {
  method?: string;
  route: string;
  status: number;
  durationMs: number;
  aborted: boolean;
}) => void;
