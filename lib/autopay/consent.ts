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
