import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { THEME_COLORS } from "@/components/ui/theme-colors";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pay your bill · Riverside Family Medicine", template: "%s · Riverside Family Medicine" },
  description: "Pay your medical bill online, securely.",
};

// The icons (favicon.ico, icon.svg, apple-icon.png) and the manifest (manifest.ts) are Next's
// metadata files in app/: Next links them from every page.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: THEME_COLORS.theme };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP (proxy.ts) carries a fresh nonce that Next puts
  // on its scripts, and a page prerendered at build time would have none, so its scripts would
  // be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
