import { getActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { env, isSecureCookieOrigin } from "@/lib/env";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/locale";
import { saveLocale } from "@/lib/i18n/save-locale";
import { contextFromHeaders } from "@/lib/request-context";
import { NO_STORE } from "@/lib/text-download";

/**
 * POST /locale: the language switcher's form (components/locale-switcher.tsx), a plain form so
 * it works without JavaScript. Sets the `locale` cookie, saves a signed-in patient's choice on
 * their user row, and sends the browser back (303) to the page it came from.
 */
export async function POST(request: Request) {
  // A form of ours only: another site's page may not change someone's language.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(env().NEXTAUTH_URL).origin) {
    return new Response("Forbidden", { status: 403, headers: NO_STORE });
  }
  const form = await request.formData().catch(() => null);
  const locale = form?.get("locale");
  const returnTo = form?.get("returnTo");
  const back = safeCallbackUrl(typeof returnTo === "string" ? returnTo : undefined, "/");
  if (!isLocale(locale)) return new Response(null, { status: 303, headers: { ...NO_STORE, Location: back } });
  const actor = await getActor();
  if (actor?.role === "PATIENT") {
    await saveLocale({ patient: actor, locale, context: contextFromHeaders(request.headers) });
  }
  const secure = isSecureCookieOrigin() ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      ...NO_STORE,
      Location: back,
      "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; SameSite=Lax; HttpOnly${secure}`,
    },
  });
}
