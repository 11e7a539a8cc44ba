import { formatDay } from "@/lib/dates";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { appUrl } from "@/lib/env";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/**
 * The payment plan emails in the patient's language (their saved `user.locale`): one strings
 * object per language, Spanish per docs/glossary.md. Amounts and days are formatted before they
 * reach the strings, in the same language.
 */
const en = {
  signOffLead: 'See your plan and its schedule under "Payment plans" in the portal:',
  signOffLabel: "See your payment plans",
  reminderSubject: (amount: string, day: string) => `Payment plan: ${amount} will be charged on ${day}`,
  reminder: (p: { amount: string; account: string; method: string; day: string }) =>
    `This is a reminder that your payment plan installment of ${p.amount} for account ` +
    `${p.account} will be charged to ${p.method} on ${p.day}.`,
  reminderChange: "To use another method, change it on the plan page before then.",
  declinedSubject: (amount: string) => `Payment plan: your installment of ${amount} was declined`,
  defaultSubject: "Payment plan: your plan is in default",
  declined: (p: { amount: string; account: string; day: string }) =>
    `Your payment plan installment of ${p.amount} for account ${p.account}, due ${p.day}, could not be charged.`,
  retry: (day: string) =>
    `We will try again on ${day}. To avoid another decline, check your payment method or choose another one on the plan page.`,
  inDefault:
    "This was the last attempt, so the plan is now in default and the remaining balance is due. Please pay it on the bills page or contact our billing office.",
  agreementSubject: (practice: string) => `Your payment plan agreement with ${practice}`,
  agreement: (p: { account: string; via: "IN_PERSON" | "PHONE"; on: string; version: string }) =>
    `Our billing office set up a payment plan for account ${p.account} with you ` +
    `${p.via === "PHONE" ? "by phone" : "in person"} on ${p.on}. ` +
    `This is the agreement you accepted (version ${p.version}); please keep it.`,
  notAgreed: (practice: string) => `If you did not agree to this plan, contact ${practice} at once.`,
};

export type TPlanEmailStrings = typeof en;

const es: TPlanEmailStrings = {
  signOffLead: 'Vea su plan y su calendario de pagos en "Planes de pagos" del portal:',
  signOffLabel: "Ver sus planes de pagos",
  reminderSubject: (amount, day) => `Plan de pagos: se cobrarán ${amount} el ${day}`,
  reminder: (p) =>
    `Le recordamos que la cuota de ${p.amount} de su plan de pagos de la cuenta ${p.account} ` +
    `se cobrará con ${p.method} el ${p.day}.`,
  reminderChange: "Si desea usar otra forma de pago, cámbiela en la página del plan antes de esa fecha.",
  declinedSubject: (amount) => `Plan de pagos: se rechazó su cuota de ${amount}`,
  defaultSubject: "Plan de pagos: su plan está en incumplimiento",
  declined: (p) =>
    `No se pudo cobrar la cuota de ${p.amount} de su plan de pagos de la cuenta ${p.account}, que vencía el ${p.day}.`,
  retry: (day) =>
    `Volveremos a intentarlo el ${day}. Para evitar otro rechazo, revise su forma de pago o elija otra en la página del plan.`,
  inDefault:
    "Este era el último intento, así que el plan está ahora en incumplimiento y el saldo pendiente debe pagarse. Páguelo en la página de facturas o comuníquese con nuestra oficina de facturación.",
  agreementSubject: (practice) => `Su acuerdo de plan de pagos con ${practice}`,
  // The day and time first: in Spanish it ends in "a.m." or "p.m.", which a full stop cannot follow.
  agreement: (p) =>
    `El ${p.on}, nuestra oficina de facturación acordó con usted ` +
    `${p.via === "PHONE" ? "por teléfono" : "en persona"} un plan de pagos para la cuenta ${p.account}. ` +
    `Este es el acuerdo que usted aceptó (versión ${p.version}); consérvelo.`,
  notAgreed: (practice) => `Si usted no aceptó este plan, comuníquese de inmediato con ${practice}.`,
};

export const PLAN_EMAIL_STRINGS: Record<TLocale, TPlanEmailStrings> = { en, es };

type TPlanMail = {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  amountCents: number;
  dueDate: Date;
  /** The patient's language; English when left out. */
  locale?: TLocale;
};

const signOff = (practiceName: string, s: TPlanEmailStrings) => [
  button({ lead: s.signOffLead, label: s.signOffLabel, href: appUrl("/plans") }),
  paragraph(practiceName),
];

const formatters = (locale: TLocale) => ({
  money: (cents: number) => formatCents(cents, "USD", INTL_LOCALES[locale]),
  day: (date: Date) => formatDay(date, INTL_LOCALES[locale]),
});

export const reminderEmail = ({
  locale = DEFAULT_LOCALE,
  ...m
}: TPlanMail & { methodLabel: string }): TEmailMessage => {
  const s = PLAN_EMAIL_STRINGS[locale];
  const f = formatters(locale);
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: s.reminderSubject(f.money(m.amountCents), f.day(m.dueDate)),
    blocks: [
      paragraph(
        s.reminder({
          amount: f.money(m.amountCents),
          account: m.accountNumber,
          method: m.methodLabel,
          day: f.day(m.dueDate),
        }),
        s.reminderChange,
      ),
      ...signOff(m.practiceName, s),
    ],
  };
};

export const declinedEmail = ({
  locale = DEFAULT_LOCALE,
  ...m
}: TPlanMail & { retryOn: Date | null }): TEmailMessage => {
  const s = PLAN_EMAIL_STRINGS[locale];
  const f = formatters(locale);
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: m.retryOn ? s.declinedSubject(f.money(m.amountCents)) : s.defaultSubject,
    blocks: [
      paragraph(
        s.declined({ amount: f.money(m.amountCents), account: m.accountNumber, day: f.day(m.dueDate) }),
        m.retryOn ? s.retry(f.day(m.retryOn)) : s.inDefault,
      ),
      ...signOff(m.practiceName, s),
    ],
  };
};

/**
 * The agreement of a plan staff set up for the patient (in person or by phone), as the patient
 * accepted it: the stored text and its version, so the patient has it in writing. The agreement's
 * own text is quoted as it was agreed to, and `locale` is that text's language (its version says
 * which: planAgreementLocale), so the whole email reads in one language.
 */
export const agreementEmail = ({
  locale = DEFAULT_LOCALE,
  ...m
}: {
  to: string;
  practiceId: string;
  practiceName: string;
  accountNumber: string;
  agreedVia: "IN_PERSON" | "PHONE";
  agreedOn: string;
  agreementVersion: string;
  agreementText: string;
  hasLogin: boolean;
  locale?: TLocale;
}): TEmailMessage => {
  const s = PLAN_EMAIL_STRINGS[locale];
  return {
    to: m.to,
    locale,
    practiceId: m.practiceId,
    subject: s.agreementSubject(m.practiceName),
    blocks: [
      paragraph(
        s.agreement({
          account: m.accountNumber,
          via: m.agreedVia,
          on: m.agreedOn,
          version: m.agreementVersion,
        }),
      ),
      { kind: "quote", text: m.agreementText },
      paragraph(s.notAgreed(m.practiceName)),
      ...(m.hasLogin ? signOff(m.practiceName, s) : [paragraph(m.practiceName)]),
    ],
  };
};
