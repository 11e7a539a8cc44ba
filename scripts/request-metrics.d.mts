import type { Registry } from "prom-client";

export declare const METRICS_REGISTRY_KEY: symbol;
export declare const REQUEST_DURATION_METRIC: string;
export declare const metricsRegistry: () => Registry;
export declare const createRoutePattern: (manifest: {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}) => (url: string | undefined) => string;
export declare const routePatternOfBuild: (root: string) => (url: string | undefined) => string;
export declare const createRequestMetrics: (options: {
  registry: Registry;
}) => (request: {
  method?: string;
  route: string;
  status: number;
  durationMs: number;
  aborted: boolean;
}) => void;
