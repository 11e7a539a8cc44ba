import { getRequestConfig } from "next-intl/server";
import { requestLocale } from "@/lib/auth/request-locale";
import { loadMessages } from "@/lib/i18n/messages";

/**
 * next-intl's request configuration, without locale segments in the URL (docs/i18n.md): the
 * locale comes from the saved choice, the cookie or Accept-Language (lib/auth/request-locale.ts).
 */
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale) };
});
