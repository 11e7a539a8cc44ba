import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getActor, getSession } from "@/lib/auth/session";
import { chooseLocale, LOCALE_COOKIE, type TLocale } from "@/lib/locale";

/**
 * The locale of this request (lib/locale.ts chooses): a signed-in patient's saved choice,
 * then the `locale` cookie, then Accept-Language, then English. Read once per request; pages,
 * next-intl (i18n/request.ts) and the PDF routes all ask here.
 */
export const requestLocale = cache(async (): Promise<TLocale> => {
  // The saved choice comes with the session's own statement (lib/auth/user-session.ts): no query of its own.
  const actor = await getActor();
  const saved = actor?.role === "PATIENT" ? ((await getSession())?.locale ?? null) : null;
  return chooseLocale({
    saved,
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
  });
});
