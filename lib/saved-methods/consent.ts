import type { TLocale } from "@/lib/locale";

/**
 * What a patient agrees to when they let billing staff charge a saved method. The version is
 * stored with the consent; a new wording gets a new version (and asks again). Each language has
 * its own version (the Spanish one ends in "-es"): the wallet sends the version of the text the
 * patient read, and the stored version says which language was agreed.
 */
export const STAFF_CHARGE_CONSENT = {
  version: "2026-11-24",
  text:
    "I allow the practice's billing staff to charge this saved payment method for amounts I owe on my " +
    "accounts when I ask them to, by phone or in person. I can withdraw this at any time in my wallet.",
} as const;

export const STAFF_CHARGE_CONSENTS: Record<TLocale, { version: string; text: string }> = {
  en: STAFF_CHARGE_CONSENT,
  es: {
    version: "2026-11-24-es",
    text:
      "Autorizo al personal de facturación del consultorio a cobrar a esta forma de pago guardada los montos " +
      "que debo en mis cuentas cuando yo se lo pida, por teléfono o en persona. Puedo retirar esta autorización " +
      "en cualquier momento en mi billetera.",
  },
};

/** The consent of a current version, or null for an older (or unknown) one. */
export const staffChargeConsentOf = (version: string) =>
  Object.values(STAFF_CHARGE_CONSENTS).find((c) => c.version === version) ?? null;
