import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { NOT_FOUND_MESSAGE } from "@/lib/errors";
import { LOOKUP_NO_MATCH_MESSAGE } from "@/lib/guest/lookup-errors";

/**
 * The English words of the profile forms' errors, by a key: the zod schemas (lib/profile/schemas.ts)
 * and the use cases say these, and the forms show messages/<locale>/profile.json's
 * `ProfileErrors.<key>` in their place (components/profile/translate-errors.ts), whose English is
 * checked to be these very words (lib/i18n/no-stray-english.test.ts). Safe for the browser.
 */
export const PROFILE_ERRORS = {
  correctFields: "Please correct the highlighted fields.",
  notAllowedCharacter: "This has a character that is not allowed.",
  notFound: NOT_FOUND_MESSAGE,
  firstNameRequired: "Enter your first name.",
  firstNameTooLong: "Your first name can be at most 80 characters.",
  lastNameRequired: "Enter your last name.",
  lastNameTooLong: "Your last name can be at most 80 characters.",
  phone: "Enter a 10-digit US phone number, for example (215) 555-0101.",
  phoneTooLong: "The phone number can be at most 40 characters.",
  address1TooLong: "The street address can be at most 120 characters.",
  address2TooLong: "The second address line can be at most 120 characters.",
  cityTooLong: "The city can be at most 80 characters.",
  stateTooLong: "The state can be at most 2 characters.",
  zipTooLong: "The ZIP code can be at most 10 characters.",
  stateFromList: "Choose a state from the list.",
  zip: "Enter a 5-digit ZIP code (or ZIP+4), for example 19103.",
  address1Required: "Enter the street address, or clear the whole address.",
  cityRequired: "Enter the city.",
  stateRequired: "Choose the state.",
  zipRequired: "Enter the ZIP code.",
  smsPhoneRequired: "Enter the mobile number to text, or turn text messages off.",
  currentPasswordRequired: "Enter your current password.",
  wrongCurrentPassword: "That is not your current password.",
  passwordLocked:
    "Too many wrong passwords. For your security, try again in 15 minutes, or sign out and reset your password.",
  newEmailRequired: "Enter the new email address.",
  emailTooLong: "An email address can be at most 254 characters.",
  emailInvalid: "Enter a valid email address, for example name@example.com.",
  sameEmail: "That is already your email address.",
  emailChangeLimited:
    "You have asked to change your email several times in the last hour. Use the link we already sent, or try again later.",
  passwordRules: PASSWORD_RULES,
  confirmPasswordRequired: "Type the new password again.",
  passwordsDiffer: "The new passwords do not match.",
  passwordUnchanged: "Choose a new password that is different from your current one.",
  statementNumberRequired: "Enter the statement number from your bill.",
  dobRequired: "Enter the patient's date of birth.",
  noStatementMatch: LOOKUP_NO_MATCH_MESSAGE,
  alreadyLinked: "That account is already linked to your login.",
} as const;

export type TProfileErrorKey = keyof typeof PROFILE_ERRORS;

/**
/**
 * What confirming a new email address from its link can answer, in English: the confirmation
 * form says them in the reader's language through messages/<locale>/errors.json's `ServerErrors`
 * (checked word for word by lib/i18n/no-stray-english.test.ts).
 */
export const EMAIL_CHANGE_MESSAGES = {
  emailChangeLinkInvalid:
    "This link is invalid, has expired or was already used. Ask for a new one on your profile.",
  emailChangeTaken: (email: string) =>
    `${email} now belongs to another login, so the email of your login was not changed.`,
} as const;

/**
 * The profile's messages that name an account, in English as the server says them; the forms
 * find them among `ServerErrors` with their values and say them in the reader's language
 * (lib/i18n/server-words.ts).
 */
export const PROFILE_VALUE_MESSAGES = {
  unlinkHasPlan: (accountNumber: string) =>
    `Account ${accountNumber} has an active payment plan that you set up. Cancel it first, then unlink the account.`,
  unlinkHasAutopay: (accountNumber: string) =>
    `Account ${accountNumber} has an active autopay that you set up. Cancel it first, then unlink the account.`,
  unlinkHasPlanAndAutopay: (accountNumber: string) =>
    `Account ${accountNumber} has an active payment plan and autopay that you set up. Cancel it first, then unlink the account.`,
} as const;
