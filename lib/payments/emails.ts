import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/** The bank-return email's words, one object per language (Spanish per docs/glossary.md). */
const en = {
  subject: (practice: string) => `${practice}: your bank returned a payment`,
  returned: (amount: string, receiptNumber: string) =>
    `Your bank returned your payment of ${amount} (receipt ${receiptNumber}), so it did not go through and the amount is due again.`,
  payLead: (phone: string | null) => `You can pay it in the portal${phone ? ` or call us at ${phone}` : ""}:`,
  payLabel: "Pay in the portal",
};

export type TPaymentReturnedStrings = typeof en;

const es: TPaymentReturnedStrings = {
  subject: (practice) => `${practice}: su banco devolvió un pago`,
  returned: (amount, receiptNumber) =>
    `Su banco devolvió su pago de ${amount} (recibo ${receiptNumber}), así que no se completó y vuelve a adeudar el monto.`,
  payLead: (phone) => `Puede pagarlo en el portal${phone ? ` o llamarnos al ${phone}` : ""}:`,
  payLabel: "Pagar en el portal",
};

export const PAYMENT_RETURNED_STRINGS: Record<TLocale, TPaymentReturnedStrings> = { en, es };

/** An ACH return put the balance back: the payer hears, in their language, that the amount is due again. */
export const paymentReturnedEmail = ({
  locale = DEFAULT_LOCALE,
  ...m
}: {
  to: string;
  practice: { id: string; name: string; phone: string | null };
  amountCents: number;
  currency: string;
  receiptNumber: string;
  locale?: TLocale;
}): TEmailMessage => {
  const s = PAYMENT_RETURNED_STRINGS[locale];
  return {
    to: m.to,
    locale,
    practiceId: m.practice.id,
    subject: s.subject(m.practice.name),
    blocks: [
      paragraph(s.returned(formatCents(m.amountCents, m.currency, INTL_LOCALES[locale]), m.receiptNumber)),
      button({ lead: s.payLead(m.practice.phone), label: s.payLabel, href: appUrl("/") }),
    ],
  };
};
