/** The card and bank numbers the browser tests type into the gateway's hosted fields. */
export const TEST_CARDS = {
  visa: "4111 1111 1111 1111",
  declined: "4000 0000 0000 0002",
  insufficientFunds: "4000 0000 0000 9995",
  processorError: "4000 0000 0000 0119",
} as const;

/** A bank account number distinctive enough that finding it anywhere is no coincidence. */
export const ACH_ACCOUNT_NUMBER = "9876543210";

/** The bank account number in the autopay enrolment file staff upload: it goes to the vault only. */
export const ENROLLMENT_FILE_ACCOUNT_NUMBER = "8642097531";

/** A full card number put where the payment import file wants the last 4: refused, never kept. */
export const PAYMENT_FILE_CARD_NUMBER = "4012 8888 8888 1881";

/** Cards the browser tests choose in the gateway's wallet simulator (the gateway holds the numbers). */
export const WALLET_CARDS = {
  mastercard: "5555 5555 5555 4444",
} as const;

/** Every number above, as typed and without spaces: none may reach the portal's database or logs. */
export const SECRET_NUMBERS = [
  ...Object.values(TEST_CARDS),
  ...Object.values(WALLET_CARDS),
  ACH_ACCOUNT_NUMBER,
  ENROLLMENT_FILE_ACCOUNT_NUMBER,
  PAYMENT_FILE_CARD_NUMBER,
].flatMap((n) => [n, n.replace(/\s/g, ""), n.replace(/\s/g, "-")]);
