import { useTranslations } from "next-intl";
import type { TFieldErrors } from "@/lib/result";
import { useServerWords } from "@/components/ui/use-server-words";

/**
 * The wallet actions' own words, as the server writes them (lib/saved-methods/schemas.ts,
 * update-method-expiry.ts, gateway-errors.ts, set-staff-charge-consent.ts, lib/define-action.ts),
 * each with its key in `WalletErrors`; components/i18n/server-words.test.ts checks them.
 */
export const WALLET_ERROR_WORDS = {
  correctFields: "Please correct the highlighted fields.",
  nickname: "Keep the nickname to 40 characters.",
  enterDetails: "Enter your card or bank details.",
  enterHolderName: "Enter the name on the card or account.",
  enterExpiry: "Enter the new expiry date.",
  expiryFormat: "Enter the expiry as MM/YY, like 04/29.",
  onlyCard: "Only a card has an expiry date.",
  expiryImpossible: "That expiry date can't be right: it is in the past or too far ahead.",
  detailsExpired: "Your card or bank details expired. Please enter them again.",
  wordingChanged: "The wording of this permission has changed. Please read it again.",
} as const;

const KEYS = new Map<string, keyof typeof WALLET_ERROR_WORDS>(
  Object.entries(WALLET_ERROR_WORDS).map(([key, english]) => [
    english,
    key as keyof typeof WALLET_ERROR_WORDS,
  ]),
);

/**
 * The wallet forms' errors in the reader's language: the server answers in English, and each
 * message it can give is matched here and said again; one not known here is said by
 * `useServerWords` (a method still in use, with the plans and autopay it pays; the name on a new
 * card), or shown as it came.
 */
export function useWalletErrorText() {
  const t = useTranslations("WalletErrors");
  const serverWords = useServerWords();
  const text = (message: string) => {
    const key = KEYS.get(message);
    return key ? t(key) : serverWords.say(message);
  };
  const fieldErrors = (errors: TFieldErrors | undefined): TFieldErrors | undefined =>
    errors
      ? Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages?.map(text)]))
      : undefined;
  const result = <T extends { ok: boolean; message?: string } | null | undefined>(state: T): T =>
    state && !state.ok && state.message ? { ...state, message: text(state.message) } : state;
  return { text, fieldErrors, result };
}
