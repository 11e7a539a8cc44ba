import "server-only";
import { ACCOUNT_NAME_SELECT, guarantorName } from "@/lib/account-name";
import { getDb } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { TLocale } from "@/lib/locale";
import { SMS_CONSENT } from "@/lib/sms/consent-text";
import { practiceForSms } from "@/lib/sms/messages";

/** The patient's own details, for the profile forms. */
export const getProfile = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      address1: true,
      address2: true,
      city: true,
      state: true,
      zip: true,
    },
  });
};
export type TProfile = Awaited<ReturnType<typeof getProfile>>;

/** The patient's communication preferences as stored: the switches and the number for texts. */
export const PREFERENCES_SELECT = {
  paperlessStatements: true,
  emailReceipts: true,
  paymentReminders: true,
  smsOptIn: true,
  smsReminders: true,
  smsPhone: true,
} as const;

/** The preferences form's values, with the contact phone it offers for texts. */
export const getPreferences = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { ...PREFERENCES_SELECT, phone: true },
  });
};
export type TPreferencesView = Awaited<ReturnType<typeof getPreferences>>;

/**
 * The latest consent change of the patient's texting number (lib/sms/consent.ts), whoever made
 * it: the profile, a keyword texted from the phone, or staff. Null when there is no number or none.
 */
export const getSmsConsentState = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { smsPhone: true } });
  if (!user.smsPhone) return null;
  return db.smsConsent.findFirst({
    where: { phone: user.smsPhone },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { phone: true, isOptedIn: true, source: true, keyword: true, createdAt: true },
  });
};

/** The consent text the patient's texting box shows: it names the practice their texts come from. */
export const getSmsConsentText = async ({ userId, locale }: { userId: string; locale: TLocale }) => {
  const db = await getDb();
  return SMS_CONSENT.textFor((await practiceForSms(db, { userId })).name, locale);
};

/** The email address the patient asked to move to and has not confirmed yet, if any. */
export const getPendingEmailChange = async ({ userId }: { userId: string }) => {
  const db = await getDb();
  return db.verificationToken.findFirst({
    where: { userId, purpose: "CHANGE_EMAIL", usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { email: true, createdAt: true, expiresAt: true },
  });
};

const linkSelect = {
  id: true,
  createdAt: true,
  account: { select: { ...ACCOUNT_NAME_SELECT, practice: { select: { name: true } } } },
} as const;

type TLinkRow = {
  id: string;
  createdAt: Date;
  account: {
    id: string;
    accountNumber: string;
    guarantorFirstName: string;
    guarantorLastName: string;
    practice: { name: string };
  };
};

const toLinkedAccount = (l: TLinkRow) => ({
  linkId: l.id,
  accountId: l.account.id,
  accountNumber: l.account.accountNumber,
  guarantorName: guarantorName(l.account),
  practiceName: l.account.practice.name,
  linkedAt: l.createdAt,
});
export type TLinkedAccount = ReturnType<typeof toLinkedAccount>;

/** The accounts linked to the patient's login, oldest link first. */
export const listLinkedAccounts = async ({ userId }: { userId: string }): Promise<TLinkedAccount[]> => {
  const db = await getDb();
  const links = await db.accountLink.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: linkSelect,
  });
  return links.map(toLinkedAccount);
};

/** One of the patient's links; someone else's link and a missing one are the same NOT_FOUND. */
export const getLinkedAccountOrThrow = async ({
  userId,
  linkId,
}: {
  userId: string;
  linkId: string;
}): Promise<TLinkedAccount & { otherLinks: number }> => {
  const db = await getDb();
  const link = await db.accountLink.findFirst({ where: { id: linkId, userId }, select: linkSelect });
  if (!link) throw notFoundError("account link");
  const otherLinks = await db.accountLink.count({ where: { userId, id: { not: linkId } } });
  return { ...toLinkedAccount(link), otherLinks };
};
