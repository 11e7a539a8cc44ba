import { formatDay } from "@/lib/dates";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/**
 * The autopay emails in the patient's language (their saved `user.locale`; for an enrolment from
 * the practice's file, without a login, the account's linked login's: localeOf in
 * lib/autopay/run-autopay.ts): one strings object per language, Spanish per docs/glossary.md.
 */
const en = {
  signOffLead: 'See or change your autopay settings under "Autopay" in the portal:',
  signOffLabel: "See your autopay settings",
  reminderSubject: (amount: string, day: string) => `Autopay: ${amount} will be charged on ${day}`,
  reminder: (p: { statement: string; account: string; amount: string; method: string; day: string }) =>
    `This is a reminder that autopay will charge the balance of statement ${p.statement} ` +
    `(account ${p.account}), ${p.amount} today, to ${p.method} on ${p.day}.`,
  reminderChange: "To use another method, change it on the Autopay page before then.",
  overLimitSubject: (statement: string) =>
    `Autopay: statement ${statement} is above your limit and will not be charged`,
  overLimit: (p: { statement: string; account: string; amount: string; limit: string }) =>
    `The balance of statement ${p.statement} (account ${p.account}) is ${p.amount}, ` +
    `above your autopay limit of ${p.limit}, so autopay will not charge it.`,
  payOtherwise: (day: string) =>
    `Please pay it another way by ${day}: on the bills page, with a payment plan, or by contacting our billing office.`,
  declinedSubject: (amount: string) => `Autopay: the charge of ${amount} was declined`,
  declined: (p: { amount: string; statement: string; account: string; day: string }) =>
    `Autopay could not charge ${p.amount} for statement ${p.statement} ` +
    `(account ${p.account}) on ${p.day}. We will not try again.`,
  declinedNext:
    "Please pay it on the bills page, and check your payment method or choose another one on the Autopay page.",
};

export type TAutopayEmailStrings = typeof en;

const es: TAutopayEmailStrings = {
  signOffLead: 'Vea o cambie su configuración en "Pago automático" del portal:',
  signOffLabel: "Ver su pago automático",
  reminderSubject: (amount, day) => `Pago automático: se cobrarán ${amount} el ${day}`,
  reminder: (p) =>
    `Le recordamos que el pago automático cobrará el saldo del estado de cuenta ${p.statement} ` +
    `(cuenta ${p.account}), que hoy es de ${p.amount}, con ${p.method} el ${p.day}.`,
  reminderChange:
    "Si desea usar otra forma de pago, cámbiela en la página de pago automático antes de esa fecha.",
  overLimitSubject: (statement) =>
    `Pago automático: el estado de cuenta ${statement} supera su límite y no se cobrará`,
  overLimit: (p) =>
    `El saldo del estado de cuenta ${p.statement} (cuenta ${p.account}) es de ${p.amount}, ` +
    `más que su límite de pago automático de ${p.limit}, así que el pago automático no lo cobrará.`,
  payOtherwise: (day) =>
    `Páguelo de otra forma a más tardar el ${day}: en la página de facturas, con un plan de pagos o comunicándose con nuestra oficina de facturación.`,
  declinedSubject: (amount) => `Pago automático: se rechazó el cobro de ${amount}`,
  declined: (p) =>
    `El pago automático no pudo cobrar ${p.amount} del estado de cuenta ${p.statement} ` +
    `(cuenta ${p.account}) el ${p.day}. No volveremos a intentarlo.`,
  declinedNext:
    "Páguelo en la página de facturas y revise su forma de pago o elija otra en la página de pago automático.",
};

export const AUTOPAY_EMAIL_STRINGS: Record<TLocale, TAutopayEmailStrings> = { en, es };

type TAutopayMail = {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  statementNumber: string;
  amountCents: number;
  chargeOn: Date;
  /** The patient's language; English when left out. */
  locale?: TLocale;
};

const prepare = ({ locale = DEFAULT_LOCALE, ...m }: TAutopayMail) => ({
  m,
  locale,
  s: AUTOPAY_EMAIL_STRINGS[locale],
  money: (cents: number) => formatCents(cents, "USD", INTL_LOCALES[locale]),
  day: (date: Date) => formatDay(date, INTL_LOCALES[locale]),
});

const signOff = (practiceName: string, s: TAutopayEmailStrings) => [
  button({ lead: s.signOffLead, label: s.signOffLabel, href: appUrl("/autopay") }),
  paragraph(practiceName),
];

export const autopayReminderEmail = (mail: TAutopayMail & { methodLabel: string }): TEmailMessage => {
  const { m, locale, s, money, day } = prepare(mail);
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: s.reminderSubject(money(m.amountCents), day(m.chargeOn)),
    blocks: [
      paragraph(
        s.reminder({
          statement: m.statementNumber,
          account: m.accountNumber,
          amount: money(m.amountCents),
          method: mail.methodLabel,
          day: day(m.chargeOn),
        }),
        s.reminderChange,
      ),
      ...signOff(m.practiceName, s),
    ],
  };
};

export const autopayOverLimitEmail = (mail: TAutopayMail & { limitCents: number }): TEmailMessage => {
  const { m, locale, s, money, day } = prepare(mail);
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: s.overLimitSubject(m.statementNumber),
    blocks: [
      paragraph(
        s.overLimit({
          statement: m.statementNumber,
          account: m.accountNumber,
          amount: money(m.amountCents),
          limit: money(mail.limitCents),
        }),
        s.payOtherwise(day(m.chargeOn)),
      ),
      ...signOff(m.practiceName, s),
    ],
  };
};

export const autopayDeclinedEmail = (mail: TAutopayMail): TEmailMessage => {
  const { m, locale, s, money, day } = prepare(mail);
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: s.declinedSubject(money(m.amountCents)),
    blocks: [
      paragraph(
        s.declined({
          amount: money(m.amountCents),
          statement: m.statementNumber,
          account: m.accountNumber,
          day: day(m.chargeOn),
        }),
        s.declinedNext,
      ),
      ...signOff(m.practiceName, s),
    ],
  };
};
