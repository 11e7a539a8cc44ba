import "server-only";
import { newId } from "@/lib/db/ids";
import type { TSqlOps } from "@/lib/db/sql";
import { appUrl, secrets } from "@/lib/env";
import { sealWithKey } from "@/lib/crypto/secret-box";
import { DEFAULT_LOCALE, INTL_LOCALES, localeOr, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";
import { patientTimeZone } from "@/lib/sms/patient-zone";
import { nextSendableAt } from "@/lib/sms/quiet-hours";
import { LINK_PLACEHOLDER } from "@/lib/sms/types";
import {
  TEXT_TO_PAY_LINK_DAYS,
  hashTextToPayToken,
  newTextToPayToken,
  textToPayPath,
} from "@/lib/text-to-pay/token";

type TTextToPayFacts = { practice: string; statement: string; amount: string; link: string };

/**
 * The text-to-pay text in each language; the Spanish in GSM-7 (no á, í, ó, ú: lib/sms/segments.ts),
 * so it costs the segments the English does.
 */
export const TEXT_TO_PAY_STRINGS: Record<TLocale, { body: (f: TTextToPayFacts) => string }> = {
  en: {
    body: (f) =>
      `${f.practice}: your statement ${f.statement} for ${f.amount} is ready. View and pay: ${f.link} Reply STOP to opt out.`,
  },
  es: {
    body: (f) =>
      `${f.practice}: nuevo estado de cuenta ${f.statement} de ${f.amount}. Vea y pague: ${f.link} Responda STOP para cancelar.`,
  },
};

export const textToPayBody = ({
  practiceName,
  statementNumber,
  balanceCents,
  currency,
  locale = DEFAULT_LOCALE,
}: {
  practiceName: string;
  statementNumber: string;
  balanceCents: number;
  currency: string;
  locale?: TLocale;
}) =>
  TEXT_TO_PAY_STRINGS[locale].body({
    practice: practiceName,
    statement: statementNumber,
    amount: formatCents(balanceCents, currency, INTL_LOCALES[locale]),
    link: LINK_PLACEHOLDER,
  });

type TCandidate = {
  id: string;
  statementNumber: string;
  balanceCents: number;
  currency: string;
  phone: string;
  practiceName: string;
  practiceZone: string;
  /** The zone the browser of a patient texting this number reported (their login's, else the number's latest web opt-in). */
  userZone: string | null;
  consentZone: string | null;
  accountState: string | null;
  /** The saved language of the account's patient (the one texted at its number first). */
  locale: string | null;
};

/**
 * Makes the text-to-pay texts of statements that have just arrived (the balance import and the
 * REST API's upsert), in the caller's transaction: for each named statement of the practice
 * that is open with something to pay, has no link yet, and whose account's number is opted in
 * to texts, a link (only its token's SHA-256 kept) and its text, due at once or, in quiet
 * hours, at 08:00 on the patient's clock (their reported zone, else the account's state's, else
 * the practice's: lib/sms/patient-zone.ts). One link a statement (unique on the statement), so a
 * statement imported again, or by two imports at once, is texted once. Returns the texts' ids
 * for the caller to send once it has committed (lib/sms/sender.ts also sends them on its sweep).
 * A text is in the saved language of the account's patient (English when none).
 */
export const queueTextToPay = async (
  tx: TSqlOps,
  {
    practiceId,
    statementNumbers,
    now = new Date(),
  }: { practiceId: string; statementNumbers: readonly string[]; now?: Date },
): Promise<string[]> => {
  if (statementNumbers.length === 0) return [];
  const candidates = await tx.query<TCandidate>`
    SELECT s.id, s."statementNumber", s."balanceCents", s.currency, a.phone, p.name AS "practiceName",
           p."timeZone" AS "practiceZone", a.state AS "accountState",
           (SELECT u."timeZone" FROM "account_link" l JOIN "user" u ON u.id = l."userId"
             WHERE l."accountId" = a.id AND u."smsPhone" = a.phone AND u."timeZone" IS NOT NULL
             ORDER BY l."createdAt" LIMIT 1) AS "userZone",
           (SELECT c."timeZone" FROM "sms_consent" c WHERE c.phone = a.phone AND c."timeZone" IS NOT NULL
             ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1) AS "consentZone",
           (SELECT u.locale FROM "account_link" l JOIN "user" u ON u.id = l."userId"
             WHERE l."accountId" = a.id
             ORDER BY (u."smsPhone" = a.phone) DESC NULLS LAST, l."createdAt" LIMIT 1) AS locale
      FROM "statement" s
      JOIN "account" a ON a.id = s."accountId"
      JOIN "practice" p ON p.id = a."practiceId"
     WHERE a."practiceId" = ${practiceId}
       AND s."statementNumber" = ANY(${[...statementNumbers]}::text[])
       AND s.status IN ('OPEN', 'PARTIALLY_PAID')
       AND s."balanceCents" > 0
       AND a.phone IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "text_to_pay_link" l WHERE l."statementId" = s.id)
       AND (SELECT c."isOptedIn" FROM "sms_consent" c WHERE c.phone = a.phone
             ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1)
     ORDER BY s."statementNumber"`;
  const smsIds: string[] = [];
  const expiresAt = new Date(now.getTime() + TEXT_TO_PAY_LINK_DAYS * 24 * 60 * 60_000);
  for (const c of candidates) {
    const token = newTextToPayToken();
    const smsId = newId();
    const [link] = await tx.query<{ id: string }>`
      INSERT INTO "text_to_pay_link" (id, "statementId", "tokenHash", phone, "expiresAt", "smsMessageId",
                                      "createdAt", "updatedAt")
      VALUES (${newId()}, ${c.id}, ${hashTextToPayToken(token)}, ${c.phone}, ${expiresAt}, ${smsId}, ${now}, now())
      ON CONFLICT ("statementId") DO NOTHING
      RETURNING id`;
    if (!link) continue; // another import texted it first
    const { zone } = patientTimeZone({
      reported: [c.userZone, c.consentZone],
      states: [c.accountState],
      practiceZone: c.practiceZone,
    });
    await tx.run`
      INSERT INTO "sms_message" (id, "to", body, kind, "isReply", "timeZone", "sendDueAt", "sealedLink", "updatedAt")
      VALUES (${smsId}, ${c.phone}, ${textToPayBody({ ...c, locale: localeOr(c.locale) })}, 'TEXT_TO_PAY', false, ${zone},
              ${nextSendableAt(now, zone)}, ${sealWithKey(appUrl(textToPayPath(token)), secrets().textLinkKey)},
              now())`;
    smsIds.push(smsId);
  }
  return smsIds;
};
