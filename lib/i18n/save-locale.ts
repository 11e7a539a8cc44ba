import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { localeOr, type TLocale } from "@/lib/locale";
import type { TRequestContext } from "@/lib/request-context";

/**
 * Saves a signed-in patient's language (the switcher's choice) on their user row: it then wins
 * over the browser's cookie and Accept-Language, on every device, and their emails use it.
 */
export const saveLocale = async ({
  patient,
  locale,
  context,
}: {
  patient: { userId: string };
  locale: TLocale;
  context: TRequestContext;
}) => {
  const db = await getDb();
  const before = await db.user.findUniqueOrThrow({ where: { id: patient.userId }, select: { locale: true } });
  if (before.locale === locale) return;
  await db.user.update({ where: { id: patient.userId }, data: { locale } });
  await recordAudit({
    actor: { kind: "user", userId: patient.userId, role: "PATIENT" },
    action: "profile.locale_changed",
    target: { type: "User", id: patient.userId },
    context,
    metadata: { from: before.locale, to: locale },
  });
};

/**
 * The language to write to a user in (their emails and texts): their saved choice, by id or by
 * login email, else English.
 */
export const recipientLocale = async (who: { userId: string } | { email: string }): Promise<TLocale> => {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: "userId" in who ? { id: who.userId } : { email: who.email },
    select: { locale: true },
  });
  return localeOr(user?.locale);
};
