/**
 * The consent a patient agrees to by opting in to texts: shown beside the box on the profile
 * page, stored with each opt-in (its text and version) and named in the confirmation text.
 * A new wording gets a new version; consents already given keep the one they were given under.
 */
export const SMS_CONSENT = {
  version: "sms-2026-01",
  text: "I agree to receive text messages about my bills and payments from Riverside Family Medicine at this number. Message and data rates may apply; message frequency varies. Reply STOP to opt out, HELP for help.",
} as const;
