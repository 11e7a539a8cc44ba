import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/lib/auth/request-locale";
import { loadMessages } from "@/lib/i18n/messages";
import { isLocale } from "@/lib/locale";

/**
 * next-intl's request configuration, without locale segments in the URL (docs/i18n.md): the
 * locale comes from the saved choice, the cookie or Accept-Language (lib/auth/request-locale.ts).
 * A server component that asks for a language of its own (`getTranslations({ locale, … })`: the
 * staff's English, `readerLocale`) gets that language's messages, not the request's.
 */
export default getRequestConfig(async ({ locale: asked }) => {
  const locale = isLocale(asked) ? asked : await requestLocale();
  return { locale, messages: await loadMessages(locale) };
});
