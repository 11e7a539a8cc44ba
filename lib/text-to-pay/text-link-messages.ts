/**
 * What the text-link page's action tells a patient, in English, in one place: the action and its
 * schema say these words, and the page shows them in the reader's language through
 * messages/<locale>/errors.json's `ServerErrors`, whose English is checked to be exactly these
 * (lib/i18n/no-stray-english.test.ts).
 */
export const TEXT_LINK_MESSAGES = {
  enterDob: "Enter the patient's date of birth.",
  openLinkAgain: "Open the link in your text message again to continue.",
  linkEnded:
    "This text message link no longer opens your statement. Look up your statement with the number on your bill instead.",
  dobMismatch: "That date of birth does not match this statement. Check it and try again.",
  dobMismatchField: "That date of birth does not match this statement.",
} as const;
