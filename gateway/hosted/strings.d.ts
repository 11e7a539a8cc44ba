// Types for strings.js (plain JavaScript so that the hosted pages can load it as is).

export type TLang = "en" | "es";

export declare const LANGS: readonly TLang[];
export declare const pickLang: (value: unknown) => TLang;
export declare const TRANSLATIONS: Record<Exclude<TLang, "en">, Record<string, string>>;
export declare const INTL_LOCALES: Record<TLang, string>;
export declare const say: (lang: TLang, english: string, values?: Record<string, string | number>) => string;
