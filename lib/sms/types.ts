/**
 * The one interface the portal sends texts through (docs/sms.md). The Twilio-compatible HTTP
 * client (lib/sms/twilio.ts) is the implementation; the sandbox SMS server (sms-sandbox/)
 * speaks the same API, and tests install another with setSmsProviderForTests.
 */
export type TSmsProvider = {
  /** Sends one text to a number in E.164 form; resolves with the provider's message id. */
  send: (message: { to: string; body: string; statusCallback?: string }) => Promise<{ sid: string }>;
};

/**
 * A send that failed: `isPermanent` when trying again cannot help (the provider refused the
 * number or the message: a 4xx other than 429), else a timeout, a network error, 429 or a 5xx.
 */
export class SmsProviderError extends Error {
  readonly brand = "SmsProviderError" as const;
  constructor(
    message: string,
    readonly isPermanent: boolean,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export const isSmsProviderError = (e: unknown): e is SmsProviderError =>
  typeof e === "object" && e !== null && (e as { brand?: unknown }).brand === "SmsProviderError";

/** "2155550101" → "+12155550101" (our stored numbers are 10-digit US numbers). */
export const toE164 = (phone: string) => `+1${phone}`;

/** "+12155550101" → "2155550101"; null for anything but a US number in E.164 form. */
export const fromE164 = (e164: string): string | null => {
  const match = /^\+1([2-9]\d{2}[2-9]\d{6})$/.exec(e164.trim());
  return match ? match[1]! : null;
};

/**
 * Where a link goes in a text's stored body when the link itself is kept sealed beside it
 * (`sms_message.sealedLink`, a text-to-pay link): the sender puts the link, opened, in its place.
 */
export const LINK_PLACEHOLDER = "{link}";
