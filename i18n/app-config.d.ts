import type { TLocale } from "@/lib/locale";
import type { TMessages } from "@/lib/i18n/messages";

/** next-intl checks every message key and locale against these (a misspelt key fails tsc). */
declare module "next-intl" {
  interface AppConfig {
    Locale: TLocale;
    Messages: TMessages;
  }
}
