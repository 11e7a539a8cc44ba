import { NextResponse, type NextRequest } from "next/server";

/**
 * Sets a per-request nonce-based Content-Security-Policy. Next reads the nonce from the
 * request's CSP header and puts it on its own scripts. This is not an authorization layer:
 * every page, action and route checks the session itself.
 */
/** The pages that frame the gateway's hosted card and bank fields: paying, and adding to the wallet. */
const FRAMES_GATEWAY = new Set(["/pay", "/guest/pay", "/wallet"]);

const gatewayOrigin = () =>
  new URL(process.env.GATEWAY_PUBLIC_URL ?? process.env.GATEWAY_URL ?? "http://localhost:4000").origin;

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const isDev = process.env.NODE_ENV === "development";
  const isHttps = (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The gateway's hosted card fields are framed on those pages only.
    `frame-src ${FRAMES_GATEWAY.has(request.nextUrl.pathname) ? gatewayOrigin() : "'none'"}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
