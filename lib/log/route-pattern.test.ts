import { describe, expect, it } from "vitest";
import { ROUTE_LABELS, routeMatcher } from "@/lib/log/route-pattern.mjs";

/** An excerpt of a build's .next/routes-manifest.json (Next 16), as it writes it. */
const MANIFEST = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/bills", regex: "^/bills(?:/)?$" },
    { page: "/api/health", regex: "^/api/health(?:/)?$" },
    { page: "/staff/payments", regex: "^/staff/payments(?:/)?$" },
    { page: "/favicon.ico", regex: "^/favicon\\.ico(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/receipts/[paymentId]", regex: "^/receipts/([^/]+?)(?:/)?$" },
    { page: "/receipts/[paymentId]/pdf", regex: "^/receipts/([^/]+?)/pdf(?:/)?$" },
    { page: "/staff/payments/[paymentId]", regex: "^/staff/payments/([^/]+?)(?:/)?$" },
  ],
};

const routeOf = routeMatcher(MANIFEST, ["/icons/icon-192.png"]);

describe("routeMatcher", () => {
  it.each([
    ["/", "/"],
    ["/bills", "/bills"],
    ["/bills/", "/bills"],
    ["/bills?page=2", "/bills"],
    ["/api/health", "/api/health"],
    ["/staff/payments", "/staff/payments"],
    ["/staff/payments/cmf3k2x0a0000abcd1234efgh", "/staff/payments/[paymentId]"],
    ["/receipts/cmf3k2x0a0000abcd1234efgh", "/receipts/[paymentId]"],
    ["/receipts/cmf3k2x0a0000abcd1234efgh/pdf?download=1", "/receipts/[paymentId]/pdf"],
    ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
    ["/favicon.ico", "/favicon.ico"],
  ])("names %s by its pattern %s", (path, pattern) => {
    expect(routeOf(path)).toBe(pattern);
  });

  it("names a page's RSC requests (navigation and prefetch) by the page's pattern", () => {
    expect(routeOf("/bills.rsc")).toBe("/bills");
    expect(routeOf("/index.rsc")).toBe("/");
    expect(routeOf("/receipts/abc.prefetch.rsc")).toBe("/receipts/[paymentId]");
    expect(routeOf("/receipts/abc.segments/__PAGE__.segment.rsc")).toBe("/receipts/[paymentId]");
  });

  it("puts static files, public files and unknown paths under a few fixed labels, never their path", () => {
    expect(routeOf("/_next/static/chunks/app/page-0123abcd.js")).toBe(ROUTE_LABELS.static);
    expect(routeOf("/icons/icon-192.png")).toBe(ROUTE_LABELS.publicFile);
    expect(routeOf("/no/such/page/4111111111111111")).toBe(ROUTE_LABELS.unmatched);
    expect(routeOf("/%E0%A4%A")).toBe(ROUTE_LABELS.unmatched);
  });
});
