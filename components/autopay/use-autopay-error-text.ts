import { useTranslations } from "next-intl";
import type { TFieldErrors } from "@/lib/result";
import { useServerWords } from "@/components/ui/use-server-words";

/**
 * The autopay actions' own words, as the server writes them (lib/autopay/enrollment.ts,
 * schemas.ts, lib/payments/schemas.ts's amount, lib/define-action.ts), each with its key in
 * `AutopayErrors`; components/i18n/server-words.test.ts checks that they are the server's words.
 */
export const AUTOPAY_ERROR_WORDS = {
  correctFields: "Please correct the highlighted fields.",
  choosePaymentMethod: "Choose a payment method.",
  cardExpired: "That card has expired. Choose another method, or update its expiry date in your wallet.",
  cardExpiredField: "That card has expired.",
  consentChanged: "The autopay authorization has changed. Please read it again and accept it.",
  isOff: "Autopay is off for this account. Turn it on again instead.",
  accept: "Tick the box to accept the autopay authorization.",
  reload: "Please reload the page and try again.",
  enterAmount: "Enter an amount.",
  amountFormat: "Enter an amount in dollars and cents, like 25.00.",
  smallestPayment: "The smallest payment is $1.00.",
} as const;

const ALREADY_ON = /^Account (.+) is already on autopay\.$/;

const KEYS = new Map<string, keyof typeof AUTOPAY_ERROR_WORDS>(
  Object.entries(AUTOPAY_ERROR_WORDS).map(([key, english]) => [
    english,
    key as keyof typeof AUTOPAY_ERROR_WORDS,
  ]),
);

/**
 * The autopay form's errors in the reader's language: the server answers in English, and each
 * message it can give is matched here and said again; one not known here is said by
 * `useServerWords` (the new method's name, for one), or shown as it came.
 */
export function useAutopayErrorText() {
  const t = useTranslations("AutopayErrors");
  const serverWords = useServerWords();
  const text = (message: string) => {
    const key = KEYS.get(message);
    if (key) return t(key);
    const already = ALREADY_ON.exec(message);
    return already ? t("alreadyOn", { number: already[1] ?? "" }) : serverWords.say(message);
  };
  const fieldErrors = (errors: TFieldErrors | undefined): TFieldErrors | undefined =>
    errors
      ? Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages?.map(text)]))
      : undefined;
  const result = <T extends { ok: boolean; message?: string } | null | undefined>(state: T): T =>
    state && !state.ok && state.message ? { ...state, message: text(state.message) } : state;
  return { text, fieldErrors, result };
}
