import { NextResponse, type NextRequest } from "next/server";
import { gatewayPublicOrigin } from "@/lib/env";
import { isRefusedAddress, REFUSED_ADDRESS_MESSAGE } from "@/lib/http/refused-address.mjs";

/**
 * Sets a per-request nonce-based Content-Security-Policy. Next reads the nonce from the
 * request's CSP header and puts it on its own scripts. This is not an authorization layer:
 * every page, action and route checks the session itself.
 */
/** The pages that frame the gateway's hosted card and bank fields: paying, adding to the wallet, and a new method in a plan or autopay. */
const FRAMES_GATEWAY = new Set(["/pay", "/guest/pay", "/wallet", "/plans/new", "/autopay"]);
/** The staff virtual terminal frames them too: /staff/accounts/<id>/take-payment. */
const STAFF_TERMINAL = /^\/staff\/accounts\/[^/]+\/take-payment$/;
const framesGateway = (pathname: string) => FRAMES_GATEWAY.has(pathname) || STAFF_TERMINAL.test(pathname);
/** The pay pages also offer Google Pay, whose pay.js talks to and frames Google's origin. */
const PAY_PAGES = new Set(["/pay", "/guest/pay"]);
const GOOGLE_PAY_ORIGIN = "https://pay.google.com";
/**
 * An outbox email's HTML part, shown as its own page (app/(staff)/staff/outbox/[emailId]/html):
 * sandboxed (no scripts, no forms, an origin of its own), loading nothing but its inline styles.
 */
const EMAIL_VIEW = /^\/staff\/outbox\/[^/]+\/html$/;
const EMAIL_VIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function proxy(request: NextRequest) {
  // The production server refuses these first (scripts/http-server.mjs); `next dev` has only this.
  if (isRefusedAddress(`${request.nextUrl.pathname}${request.nextUrl.search}`)) {
    return new NextResponse(REFUSED_ADDRESS_MESSAGE, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const nonce = btoa(crypto.randomUUID());
  const { pathname } = request.nextUrl;
  const isPayPage = PAY_PAGES.has(pathname);
  const isDev = process.env.NODE_ENV === "development";
  const isHttps = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
  const csp = EMAIL_VIEW.test(pathname)
    ? EMAIL_VIEW_CSP
    : [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        `connect-src 'self'${isPayPage ? ` ${GOOGLE_PAY_ORIGIN}` : ""}`,
        // The gateway's hosted card fields (and wallet simulator) are framed on those pages only.
        `frame-src ${framesGateway(pathname) ? `${gatewayPublicOrigin()}${isPayPage ? ` ${GOOGLE_PAY_ORIGIN}` : ""}` : "'none'"}`,
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        ...(isHttps ? ["upgrade-insecure-requests"] : []),
      ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, so that a page guard can send a signed-out visitor back to it after sign-in.
  requestHeaders.set("x-request-path", `${pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * Every page, but not static files, nor the routes that take a file as their body (the upload,
 * the API's payment imports): Next buffers a request body for the proxy up to 10 MB and cuts it
 * there, so a 12 MB balance file arrived cut (and was refused as "no kind chosen"), and a file
 * just over the API's 10 MB would have arrived cut to exactly its limit and been imported short.
 * Those routes read and count their own body (lib/api/endpoint.ts) and need no CSP.
 *
 * Nor a page's script calling a server action (the `Next-Action` header): its answer is React's
 * data for a page already loaded, not a document, so no CSP or nonce applies to it, and the
 * proxy's copy of its body and its run were a ninth of a payment's CPU (bench/RESULTS.md). An
 * action that redirects has its target page rendered through the proxy all the same (its answer
 * carries the target's CSP: seen on the built server). A form posted without JavaScript carries no
 * such header: its answer is a document, so it passes here. The server refuses a hostile address
 * for these calls too (scripts/http-server.mjs). e2e/pay.spec.ts checks a declined payment's
 * answer has no CSP.
 */
export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|robots.txt|staff/imports/upload|api/v1/payment-imports).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
