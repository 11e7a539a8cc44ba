import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { THEME_COLORS } from "@/components/ui/theme-colors";
import { pickMessages, ROOT_CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";
import { requestLocale } from "@/lib/auth/request-locale";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return {
    title: { default: t("defaultTitle"), template: "%s · Riverside Family Medicine" },
    description: t("description"),
  };
}

// The icons (favicon.ico, icon.svg, apple-icon.png) and the manifest (manifest.ts) are Next's
// metadata files in app/: Next links them from every page.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: THEME_COLORS.theme };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP (proxy.ts) carries a fresh nonce that Next puts
  // on its scripts, and a page prerendered at build time would have none, so its scripts would
  // be blocked.
  await connection();
  // The language (docs/i18n.md): the saved choice, the switcher's cookie or Accept-Language.
  const locale = await requestLocale();
  const t = await getTranslations("Layout");
  // The page asked for (proxy.ts), for the switcher to come back to.
  const returnTo = (await headers()).get("x-request-path") ?? "/";
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("skipToMain")}
        </a>
        {/* Only what every page's client components read; each page adds its own (withMessages,
            components/i18n/messages-for.tsx). */}
        <NextIntlClientProvider messages={pickMessages(await getMessages(), ROOT_CLIENT_NAMESPACES)}>
          <div className="flex-1">{children}</div>
        </NextIntlClientProvider>
        <footer className="border-t border-slate-200 bg-white print:hidden">
          <div className="mx-auto max-w-5xl px-4 py-2">
            <LocaleSwitcher locale={locale} returnTo={returnTo} />
          </div>
        </footer>
      </body>
    </html>
  );
}
