import { NOT_FOUND_MESSAGE } from "@/lib/errors";

/**
 * The English words of the sharing forms' errors, by a key: lib/access/schemas.ts and the use
 * cases say these, and the patient's forms show messages/<locale>/sharing.json's
 * `SharingErrors.<key>` in their place, whose English is checked to be these very words
 * (lib/i18n/no-stray-english.test.ts). Safe for the browser.
 */
export const ACCESS_ERRORS = {
  correctFields: "Please correct the highlighted fields.",
  notFound: NOT_FOUND_MESSAGE,
  scopeRequired: "Choose what they may do.",
  accountRequired: "Choose an account.",
  emailRequired: "Enter their email address.",
  emailInvalid: "Enter a valid email address.",
  ownEmail: "That is your own address. Enter the address of the person you want to invite.",
  alreadyGuarantor: "That person already has this account in their own login.",
  alreadyHasAccess:
    "That person already has access to this account. To change what they may do, remove it first.",
  invitationsLimited: "You have sent many invitations in the last hour. Please try again later.",
} as const;

export type TAccessErrorKey = keyof typeof ACCESS_ERRORS;

/**
 * What accepting an invitation can answer, in English: the invitation page's form says them in
 * the reader's language through messages/<locale>/errors.json's `ServerErrors` (checked word for
 * word by lib/i18n/no-stray-english.test.ts).
 */
export const INVITATION_MESSAGES = {
  invitationLinkIncomplete: "This invitation link is incomplete.",
  invitationLinkInvalid:
    "This invitation link has expired, was already used or was withdrawn. Ask for a new one.",
  invitationForAnother: (maskedEmail: string) =>
    `This invitation was sent to ${maskedEmail}. Sign in with that address to accept it.`,
  invitationAlreadyHave: "You already have this account in your login.",
} as const;
