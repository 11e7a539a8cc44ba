/**
 * What each documented test number does (docs/gateway-api.md, "Test numbers"). The outcome is
 * decided when the number is tokenized and kept on the token, so the number itself need not be.
 */
export type TOutcome =
  | "approved"
  | "declined_generic"
  | "declined_insufficient_funds"
  | "declined_expired_card"
  | "declined_cvv_mismatch"
  | "declined_zip_mismatch"
  | "processor_error"
  | "approved_no_response"
  | "ach_return_r01";

export type TDeclineCode =
  "generic" | "insufficient_funds" | "expired_card" | "cvv_mismatch" | "zip_mismatch";

const CARD_OUTCOMES: Record<string, TOutcome> = {
  "4000000000000002": "declined_generic",
  "4000000000009995": "declined_insufficient_funds",
  "4000000000000069": "declined_expired_card",
  "4000000000000127": "declined_cvv_mismatch",
  "4000000000000036": "declined_zip_mismatch",
  "4000000000000119": "processor_error",
  "4000000000000259": "approved_no_response",
};

/** Every other valid card number is approved (4111 1111 1111 1111 and the other brands' numbers). */
export const cardOutcome = (digits: string): TOutcome => CARD_OUTCOMES[digits] ?? "approved";

/** Any valid routing number; an account number ending 0000 is returned R01 at settlement. */
export const achOutcome = (accountNumber: string): TOutcome =>
  accountNumber.endsWith("0000") ? "ach_return_r01" : "approved";

export const DECLINES: Partial<Record<TOutcome, { code: TDeclineCode; message: string }>> = {
  declined_generic: { code: "generic", message: "The card was declined." },
  declined_insufficient_funds: { code: "insufficient_funds", message: "The card has insufficient funds." },
  declined_expired_card: { code: "expired_card", message: "The card has expired." },
  declined_cvv_mismatch: { code: "cvv_mismatch", message: "The security code (CVV) did not match." },
  declined_zip_mismatch: { code: "zip_mismatch", message: "The billing ZIP code did not match." },
};

/**
 * The bank shown for a stored bank account, by routing number: a few real routing numbers and
 * their real owners (011000015 is the Federal Reserve Bank of Boston's, the documented test
 * routing number). Any other valid routing number is accepted but has no name (null): the
 * sandbox does not pretend to know every bank.
 */
const BANK_NAMES: Record<string, string> = {
  "011000015": "Federal Reserve Bank of Boston",
  "021000021": "JPMorgan Chase Bank, N.A.",
  "021000089": "Citibank, N.A.",
  "026009593": "Bank of America, N.A.",
  "121000248": "Wells Fargo Bank, N.A.",
};

export const bankName = (routingNumber: string): string | null => BANK_NAMES[routingNumber] ?? null;
