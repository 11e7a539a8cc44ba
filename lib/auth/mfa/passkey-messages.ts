/**
 * What adding, naming and removing a passkey tell a person, in English as the server says it;
 * the forms find these among `ServerErrors` (with a value, the longest name) and say them in the
 * reader's language (lib/i18n/server-words.ts). Safe for the browser.
 */
export const PASSKEY_MESSAGES = {
  passkeyNotAdded: "We couldn't add that passkey. Please try again.",
  passkeyGone: "That passkey is not on your login any more. Reload the page.",
  passkeyLastFactor:
    "You can't remove your only passkey: staff logins must keep a second step. Add another passkey, or set up an authenticator app, first.",
  passkeyNameRequired: "Enter a name for the passkey.",
  passkeyNameTooLong: (max: number) => `Use ${max} characters or fewer.`,
  passkeyNameCharacters: "Use letters, digits, spaces and punctuation only.",
} as const;
