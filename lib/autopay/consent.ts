import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/**
 * The autopay authorisation the patient reads and accepts. It is stored with the enrolment
 * (`consentText`, `consentVersion`, time and IP), again at every change of method or limit.
 * Bump the version whenever the wording below changes; a form that submits an older version
 * is shown the new text.
 */
export const AUTOPAY_CONSENT_VERSION = "autopay-consent-v1";

/**
 * Each language has its own version (the Spanish one ends in "-es"): the form sends the version of
 * the text the patient read, the server writes that text in that language, and the stored version
 * says which language was agreed.
 */
export const AUTOPAY_CONSENT_VERSIONS: Record<TLocale, string> = {
  en: AUTOPAY_CONSENT_VERSION,
  es: "autopay-consent-v1-es",
};

/** The language of a current consent version, or null for an older (or unknown) one. */
export const autopayConsentLocale = (version: string): TLocale | null =>
  (Object.keys(AUTOPAY_CONSENT_VERSIONS) as TLocale[]).find((l) => AUTOPAY_CONSENT_VERSIONS[l] === version) ??
  null;

type TConsentTerms = {
  practiceName: string;
  accountNumber: string;
  /** How the saved method reads to the patient, e.g. "Visa ••4242" (in the text's language). */
  methodLabel: string;
  limitCents: number;
  daysAfterStatement: number;
  reminderDays: number;
  /** The language the patient reads it in; English by default. */
  locale?: TLocale;
};

const englishConsent = ({
  practiceName,
  accountNumber,
  methodLabel,
  limitCents,
  daysAfterStatement,
  reminderDays,
}: TConsentTerms) => [
  `Autopay authorization for account ${accountNumber} with ${practiceName}`,
  "",
  `You authorize ${practiceName} to charge ${methodLabel} for the balance of each new statement ` +
    `of account ${accountNumber}, on the statement's due date (or ${daysAfterStatement} days after the ` +
    "statement date if it has no due date).",
  `Each charge is at most ${formatCents(limitCents)}. A statement whose balance is above this limit is ` +
    "not charged: we email you so that you can pay it another way.",
  `We email you ${reminderDays} days before each charge, and a receipt after it. If a charge is declined, ` +
    "we email you and do not try again; please pay that statement another way.",
  "Statements issued before you enrolled, and statements in a payment plan, are not charged by autopay.",
  "",
  "You may change the method or the limit, or turn autopay off, at any time on the Autopay page or by " +
    `contacting ${practiceName}. Turning it off stops future charges; payments already made are not reversed.`,
];

/** The same authorisation in Spanish (docs/glossary.md), the limit formatted for es-US. */
const spanishConsent = ({
  practiceName,
  accountNumber,
  methodLabel,
  limitCents,
  daysAfterStatement,
  reminderDays,
}: TConsentTerms) => [
  `Autorización de pago automático para la cuenta ${accountNumber} con ${practiceName}`,
  "",
  `Usted autoriza a ${practiceName} a cobrar a ${methodLabel} el saldo de cada nuevo estado de cuenta ` +
    `de la cuenta ${accountNumber}, en la fecha de vencimiento del estado de cuenta (o ${daysAfterStatement} días ` +
    "después de la fecha del estado de cuenta si no tiene fecha de vencimiento).",
  `Cada cargo es de ${formatCents(limitCents, "USD", INTL_LOCALES.es)} como máximo. Un estado de cuenta cuyo saldo ` +
    "supere este límite no se cobra: le enviaremos un correo electrónico para que pueda pagarlo de otra manera.",
  `Le enviaremos un correo electrónico ${reminderDays} días antes de cada cargo, y un recibo después. Si se rechaza un cargo, ` +
    "le enviaremos un correo electrónico y no lo intentaremos de nuevo; por favor, pague ese estado de cuenta de otra manera.",
  "Los estados de cuenta emitidos antes de su inscripción y los estados de cuenta incluidos en un plan de pagos no se cobran con el pago automático.",
  "",
  "Puede cambiar la forma de pago o el límite, o desactivar el pago automático, en cualquier momento en la página Pago automático " +
    `o comunicándose con ${practiceName}. Al desactivarlo se detienen los cargos futuros; los pagos ya realizados no se revierten.`,
];

export const autopayConsentText = ({
  locale = DEFAULT_LOCALE,
  ...terms
}: TConsentTerms): { version: string; text: string } => ({
  version: AUTOPAY_CONSENT_VERSIONS[locale],
  text: (locale === "es" ? spanishConsent : englishConsent)(terms).join("\n"),
});

/**
 * The authorisation stored with an enrolment from the practice's autopay enrolment file: the
 * portal did not collect it, the practice did, and says so by sending the file. It is stored
 * with the enrolment (`consentText`, `consentVersion`, the time the portal received it; no IP),
 * again at every change a later file makes. Bump the version whenever the wording changes.
 */
export const AUTOPAY_FILE_CONSENT_VERSION = "autopay-file-consent-v1";

export const autopayFileConsentText = ({
  practiceName,
  accountNumber,
  methodLabel,
  holderName,
  limitCents,
  daysAfterStatement,
  fileName,
  recordNumber,
  fileDate,
  receivedAt,
}: {
  practiceName: string;
  accountNumber: string;
  /** How the bank account reads, e.g. "Bank account ••6789 (Chase)". */
  methodLabel: string;
  holderName: string;
  limitCents: number;
  daysAfterStatement: number;
  fileName: string;
  recordNumber: number;
  /** The file's own date (its header), as YYYY-MM-DD. */
  fileDate: string;
  /** When the portal received the file, as the practice reads it. */
  receivedAt: string;
}): { version: string; text: string } => ({
  version: AUTOPAY_FILE_CONSENT_VERSION,
  text: [
    `Autopay authorization for account ${accountNumber} with ${practiceName}, from the practice's enrolment file`,
    "",
    `${practiceName} enrolled account ${accountNumber} in autopay in its autopay enrolment file ` +
      `"${fileName}" (record ${recordNumber}, dated ${fileDate}), received ${receivedAt}. By sending ` +
      `it, ${practiceName} confirmed that it obtained the authorization of the account holder, ` +
      `${holderName}, and keeps it on file.`,
    `The authorization: ${practiceName} charges ${methodLabel} for the balance of each new statement of ` +
      `account ${accountNumber}, on the statement's due date (or ${daysAfterStatement} days after the ` +
      "statement date if it has no due date).",
    `Each charge is at most ${formatCents(limitCents)}. A statement whose balance is above this limit is ` +
      "not charged, and is paid another way.",
    "Statements issued before the enrolment, and statements in a payment plan, are not charged by autopay.",
    "",
    `The account holder may change the method or the limit, or turn autopay off, at any time by contacting ${practiceName}. ` +
      "Turning it off stops future charges; payments already made are not reversed.",
  ].join("\n"),
});
