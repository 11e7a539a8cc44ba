import { describe, expect, it } from "vitest";
import { chooseLocale, isLocale, localeFromAcceptLanguage } from "@/lib/locale";

describe("localeFromAcceptLanguage", () => {
  it("takes a regional Spanish for Spanish", () => {
    expect(localeFromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("ES-us")).toBe("es");
  });

  it("follows the qualities, not only the order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5, es;q=0.9")).toBe("es");
    expect(localeFromAcceptLanguage("es;q=0.8, en")).toBe("en");
  });

  it("keeps the order between equal qualities", () => {
    expect(localeFromAcceptLanguage("fr, es, en")).toBe("es");
  });

  it("skips a language refused with q=0 and ones we do not speak", () => {
    expect(localeFromAcceptLanguage("es;q=0, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR, de")).toBeNull();
    expect(localeFromAcceptLanguage("*")).toBeNull();
  });

  it("answers null for nothing or rubbish", () => {
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage(";;;,,q=x")).toBeNull();
    expect(localeFromAcceptLanguage("es;q=abc")).toBeNull();
  });
});

describe("chooseLocale", () => {
  it("is English when nothing says otherwise", () => {
    expect(chooseLocale({})).toBe("en");
    expect(chooseLocale({ acceptLanguage: "de-DE" })).toBe("en");
  });

  it("follows Accept-Language on a first visit", () => {
    expect(chooseLocale({ acceptLanguage: "es-MX" })).toBe("es");
  });

  it("lets the switcher's cookie win over Accept-Language", () => {
    expect(chooseLocale({ cookie: "en", acceptLanguage: "es-MX" })).toBe("en");
    expect(chooseLocale({ cookie: "es", acceptLanguage: "en-US" })).toBe("es");
  });

  it("lets a signed-in patient's saved choice win over the cookie", () => {
    expect(chooseLocale({ saved: "es", cookie: "en", acceptLanguage: "en-US" })).toBe("es");
    expect(chooseLocale({ saved: "en", cookie: "es", acceptLanguage: "es" })).toBe("en");
  });

  it("ignores a saved value or cookie that is no language of ours", () => {
    expect(chooseLocale({ saved: "fr", cookie: "xx", acceptLanguage: "es" })).toBe("es");
    expect(chooseLocale({ saved: null, cookie: "<script>" })).toBe("en");
  });
});

describe("isLocale", () => {
  it("knows exactly our languages", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("es")).toBe(true);
    expect(isLocale("es-MX")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
