import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SmsConsentSource } from "@/lib/generated/prisma/enums";
import type { TLocale } from "@/lib/locale";
import { SMS_CONSENT } from "@/lib/sms/consent-text";

type TTx = Prisma.TransactionClient;

/** A number's consent now: its latest row, or null when it never opted in or out. */
export const latestConsent = (tx: TTx, phone: string) =>
  tx.smsConsent.findFirst({
    where: { phone },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { isOptedIn: true, source: true, keyword: true, createdAt: true },
  });

/** Whether a number may be texted now (its latest consent is an opt-in). */
export const isOptedIn = async (tx: TTx, phone: string) =>
  (await latestConsent(tx, phone))?.isOptedIn ?? false;

/**
 * Records an opt-in or opt-out of a number, in the caller's transaction. An opt-in stores the
 * consent text agreed to, its version and its language (the one it was shown in). A change that did not come from the profile page (a
 * keyword, staff) is also mirrored on every patient's preferences that text this number, so the
 * profile page shows it.
 */
export const recordSmsConsent = async (
  tx: TTx,
  {
    phone,
    userId = null,
    isOptedIn: optedIn,
    source,
    keyword = null,
    recordedByUserId = null,
    practiceName,
    timeZone = null,
    locale = "en",
  }: {
    phone: string;
    userId?: string | null;
    isOptedIn: boolean;
    source: SmsConsentSource;
    keyword?: string | null;
    /** The staff user, for source STAFF. */
    recordedByUserId?: string | null;
    /** The practice the texts come from, which an opt-in's consent text names. */
    practiceName?: string;
    /** The zone the patient's browser reported with a web opt-in (validated: lib/sms/patient-zone.ts). */
    timeZone?: string | null;
    /** The language the consent text was shown (or read) in. */
    locale?: TLocale;
  },
) => {
  if (optedIn && !practiceName)
    throw new Error("An opt-in records the consent text, which names the practice.");
  if (source !== "WEB") {
    await tx.user.updateMany({ where: { smsPhone: phone, smsOptIn: !optedIn }, data: { smsOptIn: optedIn } });
  }
  return tx.smsConsent.create({
    data: {
      phone,
      userId,
      isOptedIn: optedIn,
      source,
      keyword,
      recordedByUserId,
      timeZone: optedIn ? timeZone : null,
      ...(optedIn && practiceName
        ? {
            textVersion: SMS_CONSENT.version,
            text: SMS_CONSENT.textFor(practiceName, locale),
            textLocale: locale,
          }
        : {}),
    },
    select: { id: true },
  });
};
