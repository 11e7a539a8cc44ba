import { formatDay } from "@/lib/dates";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/**
 * The plan and autopay notices a patient may get by text as well as by email (docs/sms.md):
 * short and plain, in the practice's name, with the amount, the account and the day, never a
 * card or bank number, and how to stop them; in the patient's language. The Spanish is written in
 * GSM-7 (lib/sms/segments.ts: no á, í, ó, ú, which would make the whole text UCS-2, 70 characters
 * a segment), so it costs the segments the English does: "se cobra el" rather than "se cobrará",
 * and "cobro programado" for autopay in a text.
 */
export type TSmsNotice =
  | { kind: "PLAN_REMINDER"; accountNumber: string; amountCents: number; dueDate: Date }
  | { kind: "PLAN_DECLINED"; accountNumber: string; amountCents: number; retryOn: Date | null }
  | { kind: "AUTOPAY_REMINDER"; accountNumber: string; amountCents: number; chargeOn: Date }
  | { kind: "AUTOPAY_DECLINED"; accountNumber: string; amountCents: number };

export type TSmsNoticeKind = TSmsNotice["kind"];

type TFacts = { practice: string; amount: string; account: string };

const en = {
  stop: "Reply STOP to opt out.",
  planReminder: (f: TFacts & { day: string }) =>
    `${f.practice}: your payment plan installment of ${f.amount} for account ${f.account} will be charged on ${f.day}.`,
  planDeclined: (f: TFacts & { day: string }) =>
    `${f.practice}: your payment plan installment of ${f.amount} for account ${f.account} was declined. We will try again on ${f.day}; please check your payment method.`,
  planDefaulted: (f: TFacts) =>
    `${f.practice}: your payment plan installment of ${f.amount} for account ${f.account} was declined again, so the plan is in default. Please pay the balance or call us.`,
  autopayReminder: (f: TFacts & { day: string }) =>
    `${f.practice}: autopay will charge ${f.amount} for account ${f.account} on ${f.day}.`,
  autopayDeclined: (f: TFacts) =>
    `${f.practice}: autopay could not charge ${f.amount} for account ${f.account}, and will not try again. Please pay it in the portal.`,
};

export type TNoticeStrings = typeof en;

const es: TNoticeStrings = {
  stop: "Responda STOP para cancelar.",
  planReminder: (f) =>
    `${f.practice}: la cuota de ${f.amount} de su plan de pagos de la cuenta ${f.account} se cobra el ${f.day}.`,
  planDeclined: (f) =>
    `${f.practice}: la cuota de ${f.amount} de su plan de pagos de la cuenta ${f.account} fue rechazada. Volveremos a intentarlo el ${f.day}; revise su forma de pago.`,
  planDefaulted: (f) =>
    `${f.practice}: la cuota de ${f.amount} de su plan de pagos de la cuenta ${f.account} fue rechazada otra vez y el plan se encuentra en incumplimiento. Pague el saldo o llame al consultorio.`,
  autopayReminder: (f) =>
    `${f.practice}: su cobro programado de ${f.amount} de la cuenta ${f.account} se hace el ${f.day}.`,
  autopayDeclined: (f) =>
    `${f.practice}: el cobro programado de ${f.amount} (cuenta ${f.account}) fue rechazado. No lo reintentaremos. Pague en el portal.`,
};

export const NOTICE_STRINGS: Record<TLocale, TNoticeStrings> = { en, es };

/** The words of a notice, from the practice named, in `locale`. */
export const noticeText = (notice: TSmsNotice, practiceName: string, locale: TLocale = DEFAULT_LOCALE) => {
  const s = NOTICE_STRINGS[locale];
  const day = (date: Date) => formatDay(date, INTL_LOCALES[locale]);
  const facts = {
    practice: practiceName,
    amount: formatCents(notice.amountCents, "USD", INTL_LOCALES[locale]),
    account: notice.accountNumber,
  };
  const words = (() => {
    switch (notice.kind) {
      case "PLAN_REMINDER":
        return s.planReminder({ ...facts, day: day(notice.dueDate) });
      case "PLAN_DECLINED":
        return notice.retryOn
          ? s.planDeclined({ ...facts, day: day(notice.retryOn) })
          : s.planDefaulted(facts);
      case "AUTOPAY_REMINDER":
        return s.autopayReminder({ ...facts, day: day(notice.chargeOn) });
      case "AUTOPAY_DECLINED":
        return s.autopayDeclined(facts);
    }
  })();
  return `${words} ${s.stop}`;
};
