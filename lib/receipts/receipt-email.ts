import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locale";
import { receiptText } from "@/lib/receipts/format";
import { RECEIPT_STRINGS } from "@/lib/receipts/strings";
import type { TReceipt } from "@/lib/receipts/types";

/**
 * The receipt email in the recipient's language: the receipt's facts (no names: the email
 * travels unencrypted, names stay on the page and the PDF), the statements paid and the total,
 * and a button to the receipt page (a guest is sent to look up the statement first).
 */
export const receiptEmail = (
  r: TReceipt,
  {
    to,
    practiceId,
    isGuest,
    locale = DEFAULT_LOCALE,
  }: { to: string; practiceId: string; isGuest: boolean; locale?: TLocale },
): TEmailMessage => {
  const s = RECEIPT_STRINGS[locale];
  const t = receiptText(r, locale);
  const notInEmail = new Set([s.facts.guarantor, s.facts.patient, s.facts.patients]);
  return {
    to,
    locale,
    practiceId,
    subject: s.email.subject({ receiptNumber: r.receiptNumber, practice: r.practice.name }),
    blocks: [
      paragraph(s.email.thanks(r.practice.name)),
      { kind: "facts", rows: t.facts.filter(([label]) => !notInEmail.has(label)) },
      { kind: "breakdown", caption: s.email.statementsPaid, rows: t.allocations, total: [s.total, t.total] },
      button({
        lead: s.email.seeOnlineLead,
        label: s.email.seeOnlineLabel,
        href: appUrl(`/receipts/${r.paymentId}`),
        ...(isGuest ? {} : { after: s.email.signInAfter }),
      }),
      ...(isGuest
        ? [button({ lead: s.email.lookUpLead, label: s.email.lookUpLabel, href: appUrl("/guest") })]
        : []),
      paragraph(s.email.questions),
      paragraph(...t.practiceLines),
    ],
  };
};
