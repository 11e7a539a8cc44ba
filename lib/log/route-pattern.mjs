// The route a request was for, as its pattern (`/staff/payments/[paymentId]`), never the raw
// path with its ids: for the request log line and the request metrics, whose routes must be a
// short fixed list. Plain JavaScript for scripts/server.mjs (types in route-pattern.d.mts).

/** Labels of requests that are not one of the app's routes. */
export const ROUTE_LABELS = {
  static: "/_next/static/[...path]",
  publicFile: "(public file)",
  unmatched: "(unmatched)",
};

/** Next's RSC requests for a page: `/bills.rsc`, `/bills.prefetch.rsc`, `/bills.segments/….segment.rsc`. */
const RSC_SUFFIX = /(?:\.segments\/.*|\.prefetch\.rsc|\.rsc)$/;

/**
 * A function from a request path to its route pattern, from the build's routes-manifest.json
 * (`staticRoutes` and `dynamicRoutes`, each with `page` and `regex`) and the files under
 * public/ (as `/icons/icon-192.png`).
 */
export const routeMatcher = (manifest, publicFiles = []) => {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  const publics = new Set(publicFiles);
  return (rawPath) => {
    let pathname = rawPath.split("?")[0] || "/";
    if (pathname.startsWith("/_next/static/")) return ROUTE_LABELS.static;
    if (publics.has(pathname)) return ROUTE_LABELS.publicFile;
    try {
      pathname = decodeURIComponent(pathname);
    } catch {
      return ROUTE_LABELS.unmatched;
    }
    pathname = pathname.replace(RSC_SUFFIX, "");
    if (pathname === "/index") pathname = "/";
    if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
    if (statics.has(pathname)) return pathname;
    for (const { page, regex } of dynamics) if (regex.test(pathname)) return page;
    return ROUTE_LABELS.unmatched;
  };
};
