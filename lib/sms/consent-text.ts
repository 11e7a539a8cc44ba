import type { TLocale } from "@/lib/locale";

/**
 * The consent a patient agrees to by opting in to texts: shown beside the box on the profile
 * page in the patient's language (and read to them by staff on the phone, in English), stored
 * with each opt-in (its text, version and language) and named in the confirmation text. It
 * names the practice the texts come from: the patient's (lib/sms/messages.ts practiceForSms) or,
 * on a staff page, the account's. A new wording, in any language, gets a new version; consents
 * already given keep the text they were given under. The keywords stay STOP and HELP in Spanish
 * too: they are what the carriers and lib/sms/keywords.ts understand.
 */
export const SMS_CONSENT = {
  version: "sms-2026-01",
  textFor: (practiceName: string, locale: TLocale = "en") =>
    locale === "es"
      ? `Acepto recibir mensajes de texto sobre mis facturas y pagos de ${practiceName} en este número. Pueden aplicarse tarifas de mensajes y datos; la frecuencia de los mensajes varía. Responda STOP para dejar de recibirlos o HELP para obtener ayuda.`
      : `I agree to receive text messages about my bills and payments from ${practiceName} at this number. Message and data rates may apply; message frequency varies. Reply STOP to opt out, HELP for help.`,
} as const;
