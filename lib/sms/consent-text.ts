/**
 * The consent a patient agrees to by opting in to texts: shown beside the box on the profile
 * page (and read to them by staff on the phone), stored with each opt-in (its text and version)
 * and named in the confirmation text. It names the practice the texts come from: the patient's
 * (lib/sms/messages.ts practiceForSms) or, on a staff page, the account's. A new wording gets a
 * new version; consents already given keep the text they were given under.
 */
export const SMS_CONSENT = {
  version: "sms-2026-01",
  textFor: (practiceName: string) =>
    `I agree to receive text messages about my bills and payments from ${practiceName} at this number. Message and data rates may apply; message frequency varies. Reply STOP to opt out, HELP for help.`,
} as const;
