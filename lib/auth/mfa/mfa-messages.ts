/**
 * What the two-step sign-in's schemas and use cases tell a person, in English, in one place: the
 * forms show them in the reader's language through messages/<locale>/errors.json's
 * `ServerErrors`, whose English is checked to be exactly these (lib/i18n/no-stray-english.test.ts).
 */
export const MFA_MESSAGES = {
  mfaEnterCode: "Enter the code.",
  mfaNotACode: "That is not a code.",
  mfaSixDigits: "Enter the 6-digit code from your app.",
  mfaWrongCode: "That code didn't work. Check the time on your phone and enter the newest code.",
  mfaWrongPasskey: "That passkey didn't confirm it's you. Try again, or enter a code from your app.",
  mfaLocked:
    "Too many wrong codes. For your security, codes and passkeys are refused for 15 minutes. Use a recovery code later, or ask an administrator.",
  mfaAlreadyOn: "Two-step sign-in is already on for this login. Sign in with a code from your app.",
  mfaNoPasskey: "This login has no passkey. Enter a code instead.",
} as const;
