/**
 * What the pay action tells a payer, in English, in one place: the action and its schemas say
 * these words, and the pay form shows them in the reader's language through
 * messages/<locale>/errors.json's `ServerErrors`, whose English is checked to be exactly these
 * (lib/i18n/no-stray-english.test.ts). A message with a value is a function of it.
 */
export const PAY_MESSAGES = {
  enterAmount: "Enter an amount.",
  amountFormat: "Enter an amount in dollars and cents, like 25.00.",
  minimumPayment: "The smallest payment is $1.00.",
  chooseStatement: "Choose at least one statement to pay.",
  validEmail: "Enter a valid email address.",
  enterPaymentDetails: "Enter your payment details.",
  oneAccount: "Pay the statements of one account at a time.",
  amountOverBalance: (number: string, balance: string) =>
    `The amount for statement ${number} is more than its balance of ${balance}.`,
  justPaid: (number: string) => `Statement ${number} was just paid. Check its balance and try again.`,
  cardExpired: "That card has expired. Update its expiry date in your wallet, or choose another method.",
  notCompleted: "We couldn't complete the payment and nothing was charged. Please try again in a moment.",
  walletNotCompleted: (wallet: string) =>
    `${wallet} didn't complete the payment and nothing was charged. Please try again.`,
  detailsExpired: "Your payment details expired. Please enter them again.",
  methodNotChargeable:
    "That saved method can no longer be charged and nothing was charged. Choose another, or remove it from your wallet and add it again.",
  processorProblem: "The payment processor had a problem and nothing was charged. Please try again.",
  processorUnreachable:
    "We couldn't reach the payment processor and nothing was charged. Please try again in a moment.",
  guestSessionEnded:
    "Your guest session ended after 15 minutes. Look up your statement again; nothing was charged.",
} as const;
