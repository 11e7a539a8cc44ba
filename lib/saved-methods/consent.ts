/**
 * What a patient agrees to when they let billing staff charge a saved method. The version is
 * stored with the consent; a new wording gets a new version (and asks again).
 */
export const STAFF_CHARGE_CONSENT = {
  version: "2026-11-24",
  text:
    "I allow the practice's billing staff to charge this saved payment method for amounts I owe on my " +
    "accounts when I ask them to, by phone or in person. I can withdraw this at any time in my wallet.",
} as const;
