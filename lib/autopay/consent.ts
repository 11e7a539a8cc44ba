import { formatCents } from "@/lib/money";

/**
 * The autopay authorisation the patient reads and accepts. It is stored with the enrolment
 * (`consentText`, `consentVersion`, time and IP), again at every change of method or limit.
 * Bump the version whenever the wording below changes; a form that submits an older version
 * is shown the new text.
 */
export const AUTOPAY_CONSENT_VERSION = "autopay-consent-v1";

export const autopayConsentText = ({
  practiceName,
  accountNumber,
  methodLabel,
  limitCents,
  daysAfterStatement,
  reminderDays,
}: {
  practiceName: string;
  accountNumber: string;
  /** How the saved method reads to the patient, e.g. "Visa ••4242". */
  methodLabel: string;
  limitCents: number;
  daysAfterStatement: number;
  reminderDays: number;
}): { version: string; text: string } => ({
  version: AUTOPAY_CONSENT_VERSION,
  text: [
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
  ].join("\n"),
});
