import { describe, expect, it } from "vitest";
import {
  AUTOPAY_CONSENT_VERSION,
  AUTOPAY_CONSENT_VERSIONS,
  autopayConsentLocale,
  autopayConsentText,
} from "@/lib/autopay/consent";

const terms = {
  practiceName: "Riverside Family Medicine",
  accountNumber: "A-1001",
  methodLabel: "Visa ••4242",
  limitCents: 123456, // $1,234.56
  daysAfterStatement: 21,
  reminderDays: 3,
};

describe("autopayConsentText", () => {
  it("in English by default, under the English version", () => {
    const { version, text } = autopayConsentText(terms);
    expect(version).toBe(AUTOPAY_CONSENT_VERSION);
    expect(text).toContain("You authorize Riverside Family Medicine to charge Visa ••4242");
    expect(text).toContain("Each charge is at most $1,234.56.");
  });

  it("in Spanish under a version of its own that names its language", () => {
    const { version, text } = autopayConsentText({ ...terms, locale: "es" });
    expect(version).toBe(AUTOPAY_CONSENT_VERSIONS.es);
    expect(autopayConsentLocale(version)).toBe("es");
    expect(text).toContain(
      "Autorización de pago automático para la cuenta A-1001 con Riverside Family Medicine",
    );
    expect(text).toContain("Usted autoriza a Riverside Family Medicine a cobrar a Visa ••4242");
    expect(text).toContain("21 días después de la fecha del estado de cuenta");
    expect(text).toContain("Cada cargo es de $1,234.56 como máximo.");
    expect(text).toContain("Le enviaremos un correo electrónico 3 días antes de cada cargo");
  });

  it("an older or unknown version names no language (the server refuses it)", () => {
    expect(autopayConsentLocale(AUTOPAY_CONSENT_VERSION)).toBe("en");
    expect(autopayConsentLocale("autopay-consent-v0")).toBeNull();
  });
});
