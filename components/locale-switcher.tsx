import { getTranslations } from "next-intl/server";
import { LocaleReturnField } from "@/components/locale-return-field";
import { LOCALES, LOCALE_NAMES, type TLocale } from "@/lib/locale";

/**
 * The language switcher of every page (the root layout's footer). A plain form posting to
 * /locale (app/locale/route.ts), so it works before and without JavaScript; each language is
 * named in itself, with its own `lang`, so a screen reader says "Español" in Spanish.
 */
export async function LocaleSwitcher({ locale, returnTo }: { locale: TLocale; returnTo: string }) {
  const t = await getTranslations("LocaleSwitcher");
  return (
    <form method="post" action="/locale" className="flex flex-wrap items-center gap-2 print:hidden">
      <LocaleReturnField initial={returnTo} />
      <span className="text-sm text-slate-700">{t("label")}</span>
      <ul className="flex gap-1">
        {LOCALES.map((l) => (
          <li key={l}>
            {l === locale ? (
              <span
                lang={l}
                aria-current="true"
                className="inline-block min-h-11 rounded-md px-3 py-2 font-semibold text-slate-900"
              >
                {LOCALE_NAMES[l]}
              </span>
            ) : (
              <button
                type="submit"
                name="locale"
                value={l}
                lang={l}
                className="inline-block min-h-11 rounded-md px-3 py-2 font-medium text-brand-800 underline underline-offset-2 hover:bg-brand-50"
              >
                {LOCALE_NAMES[l]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </form>
  );
}
