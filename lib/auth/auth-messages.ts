/**
 * What signing up, confirming an address and resetting a password tell a person, in English, in
 * one place: the schemas and use cases say these words, and the forms show them in the reader's
 * language through messages/<locale>/errors.json's `ServerErrors`, whose English is checked to be
 * exactly these (lib/i18n/no-stray-english.test.ts).
 */
export const AUTH_MESSAGES = {
  enterEmail: "Enter your email address.",
  validEmail: "Enter a valid email address.",
  enterFirstName: "Enter your first name.",
  enterLastName: "Enter your last name.",
  passwordsDiffer: "The passwords do not match.",
  resetLinkIncomplete: "This reset link is incomplete.",
  linkIncomplete: "This link is incomplete.",
  verifyLinkInvalid: "This link is invalid or has expired. Sign in to get a new one.",
  resetLinkInvalid: "This reset link is invalid or has expired. Ask for a new one.",
} as const;

/** What an action that needs a recent second factor answers (lib/auth/session.ts, `requireStepUp`). */
export const STEP_UP_MESSAGE =
  "For your security, confirm it's you with a code from your authenticator app or your passkey, then try again.";
