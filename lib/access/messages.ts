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
