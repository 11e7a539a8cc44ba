// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale segments in the URL: i18n/request.ts chooses the locale (docs/i18n.md).
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Every page's <title> and metadata go in the <head> of the first bytes, for everyone: with
  // streaming metadata (Next's default for browsers) a page behind a loading.tsx has no title
  // until its content arrives, and a screen reader announces an untitled page. Our metadata is
  // static, so waiting for it costs nothing.
  htmlLimitedBots: /.*/,
  // Native or WASM packages that must be loaded by Node at run time, not bundled.
  // pdfkit reads its font metrics (AFM files) from its own folder at run time.
  // prom-client: one copy in the process, shared with scripts/server.mjs (lib/metrics/registry.ts).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg-boss",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "pg-copy-streams",
    "pdfkit",
    "prom-client",
    // One pino for the whole process: scripts/server.mjs and the app's code (lib/log) share the
    // logger and the request store through globalThis, and pino's worker-thread files must stay
    // where node_modules has them (Next lists it by default too; named here on purpose).
    "pino",
    // The emails' components (lib/email/render-html.tsx): loaded by Node from node_modules, so
    // they and react-dom/server (which that file imports at run time) share node_modules' React.
    // Bundled into the server-action layer, they would meet the react-server build of React.
    "@react-email/body",
    "@react-email/button",
    "@react-email/container",
    "@react-email/head",
    "@react-email/heading",
    "@react-email/html",
    "@react-email/preview",
    "@react-email/section",
    "@react-email/text",
  ],
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` runs tsc once; the build need not repeat it.
  // forbidden() answers 403 with app/forbidden.tsx when a signed-in user lacks the role.
  experimental: { authInterrupts: true },
  // Headers that do not depend on the request; the CSP (it carries a nonce) is set in proxy.ts.
  async headers() {
    const headers = [
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      {
        key: "Permissions-Policy",
        value: "camera=(), microphone=(), geolocation=(), usb=(), interest-cohort=(), payment=(self)",
      },
      // Isolated from other sites' windows, but a popup we open may answer us: Google Pay's
      // sheet is a popup on pay.google.com on desktop browsers.
      { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
    ];
    if (process.env.NODE_ENV === "production") {
      headers.push({
        key: "Strict-Transport-Security",
        value: "max-age=63072000; includeSubDomains; preload",
      });
    }
    return [{ source: "/:path*", headers }];
  },
};

export default withNextIntl(nextConfig);
