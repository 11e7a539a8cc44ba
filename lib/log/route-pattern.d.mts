export type TRoutesManifest = {
  staticRoutes?: { page: string; regex: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
};
export declare const ROUTE_LABELS: { static: string; publicFile: string; unmatched: string };
/** A function from a request path to its route pattern (`/staff/payments/[paymentId]`). */
export declare const routeMatcher: (
  manifest: TRoutesManifest,
  publicFiles?: string[],
) => (path: string) => string;
