import type { AccountAccessScope } from "@/lib/generated/prisma/enums";
import { button, paragraph, type TEmailMessage } from "@/lib/email/message";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locale";

/**
 * The family-access emails (docs/email.md), one strings object per language, Spanish per
 * docs/glossary.md: the invitation to someone else's account, in the invitee's saved language if
 * they have a login, else the inviter's (the link in it is a credential); and the notice to a
 * family member that the guarantor ended the plan or autopay they set up, in the member's saved
 * language.
 */
/** What a guarantor can end of a family member's: the payment plan or the autopay they set up. */
type TEnded = "plan" | "autopay";

type TEndedFacts = { guarantorName: string; accountNumber: string; practiceName: string };

type TInvitationFacts = {
  inviterName: string;
  inviterFirstName: string;
  guarantorName: string;
  practiceName: string;
  scope: AccountAccessScope;
};

const en = {
  /** What the scope lets them do (lib/access/scope.ts says the same on the pages). */
  ability: { VIEW: "view", PAY: "view and pay", MANAGE: "view, pay and manage" } as Record<
    AccountAccessScope,
    string
  >,
  subject: (f: TInvitationFacts) =>
    `${f.inviterName} invited you to ${f.guarantorName}'s account at ${f.practiceName}`,
  invited: (f: TInvitationFacts, ability: string) =>
    `${f.inviterName} invited you to the ${f.practiceName} patient portal, where you can ${ability} the bills of ${f.guarantorName}'s account.`,
  acceptLead: "Open this link to accept (sign in, or create a login with this address first):",
  acceptLabel: "Accept the invitation",
  terms: (f: TInvitationFacts) =>
    `This link works once and expires in 7 days. You pay with your own card or bank account; nothing of ${f.inviterFirstName}'s is shared with you. If you do not know ${f.inviterName}, ignore this message.`,
  /** What the guarantor did to the member's arrangement. */
  endedWhat: { plan: "cancelled the payment plan", autopay: "turned off autopay" } as Record<TEnded, string>,
  endedSubject: (f: TEndedFacts, what: string) =>
    `${f.guarantorName} ${what} you set up on account ${f.accountNumber}`,
  ended: (f: TEndedFacts, what: string) =>
    `${f.guarantorName}, who is responsible for account ${f.accountNumber} at ${f.practiceName}, ${what} you set up on it.`,
  endedNotCharged: "Your card or bank account will not be charged for it again. Payments already made stand.",
};

export type TFamilyEmailStrings = typeof en;

const es: TFamilyEmailStrings = {
  ability: { VIEW: "ver", PAY: "ver y pagar", MANAGE: "ver, pagar y administrar" },
  subject: (f) => `${f.inviterName} le invitó a la cuenta de ${f.guarantorName} en ${f.practiceName}`,
  invited: (f, ability) =>
    `${f.inviterName} le invitó al portal de pacientes de ${f.practiceName}, donde usted puede ${ability} las facturas de la cuenta de ${f.guarantorName}.`,
  acceptLead:
    "Abra este enlace para aceptar (inicie sesión o, antes, cree una cuenta de acceso con esta dirección):",
  acceptLabel: "Aceptar la invitación",
  terms: (f) =>
    `Este enlace funciona una sola vez y vence en 7 días. Usted paga con su propia tarjeta o cuenta bancaria; no se comparte con usted nada de ${f.inviterFirstName}. Si no conoce a ${f.inviterName}, ignore este mensaje.`,
  endedWhat: { plan: "canceló el plan de pagos", autopay: "desactivó el pago automático" },
  endedSubject: (f, what) => `${f.guarantorName} ${what} que usted configuró en la cuenta ${f.accountNumber}`,
  ended: (f, what) =>
    `${f.guarantorName}, garante de la cuenta ${f.accountNumber} en ${f.practiceName}, ${what} que usted configuró en ella.`,
  endedNotCharged:
    "No se volverá a cobrar por ello a su tarjeta ni a su cuenta bancaria. Los pagos ya realizados se mantienen.",
};

export const FAMILY_EMAIL_STRINGS: Record<TLocale, TFamilyEmailStrings> = { en, es };

export const invitationEmail = ({
  to,
  practiceId,
  link,
  locale = DEFAULT_LOCALE,
  ...facts
}: TInvitationFacts & {
  to: string;
  practiceId: string;
  link: string;
  locale?: TLocale;
}): TEmailMessage => {
  const s = FAMILY_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.subject(facts),
    practiceId,
    blocks: [
      paragraph(s.invited(facts, s.ability[facts.scope])),
      button({ lead: s.acceptLead, label: s.acceptLabel, href: link }),
      paragraph(s.terms(facts)),
    ],
  };
};

/**
 * To a family member whose payment plan or autopay the account's guarantor ended (docs/email.md),
 * in the member's saved language: what ended and who ended it, on which account; their own card
 * or bank account is not charged again for it.
 */
export const arrangementEndedByGuarantorEmail = ({
  to,
  practiceId,
  what,
  locale = DEFAULT_LOCALE,
  ...facts
}: TEndedFacts & {
  to: string;
  practiceId: string;
  what: TEnded;
  locale?: TLocale;
}): TEmailMessage => {
  const s = FAMILY_EMAIL_STRINGS[locale];
  return {
    to,
    locale,
    subject: s.endedSubject(facts, s.endedWhat[what]),
    practiceId,
    blocks: [paragraph(s.ended(facts, s.endedWhat[what]), s.endedNotCharged), paragraph(facts.practiceName)],
  };
};
