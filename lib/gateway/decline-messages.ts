import type { TLocale } from "@/lib/locale";

type TDeclineWords = {
  insufficient_funds: string;
  expired_card: string;
  cvv_mismatch: string;
  zip_mismatch: string;
  other: string;
};

/** One object per language; Spanish per docs/glossary.md. */
const WORDS: Record<TLocale, TDeclineWords> = {
  en: {
    insufficient_funds: "Your card was declined for insufficient funds. Try another card or a bank account.",
    expired_card: "Your card has expired. Check the expiry date or use another card.",
    cvv_mismatch: "The security code (CVV) didn't match. Check it and try again, or use another card.",
    zip_mismatch: "The ZIP code didn't match the card's billing address. Check it and try again.",
    other: "Your card was declined. Try another card or a bank account, or contact your bank.",
  },
  es: {
    insufficient_funds:
      "Su tarjeta fue rechazada por fondos insuficientes. Pruebe con otra tarjeta o con una cuenta bancaria.",
    expired_card: "Su tarjeta está vencida. Revise la fecha de vencimiento o use otra tarjeta.",
    cvv_mismatch:
      "El código de seguridad (CVV) no coincide. Revíselo y vuelva a intentarlo, o use otra tarjeta.",
    zip_mismatch:
      "El código postal no coincide con la dirección de facturación de la tarjeta. Revíselo y vuelva a intentarlo.",
    other:
      "Su tarjeta fue rechazada. Pruebe con otra tarjeta o con una cuenta bancaria, o comuníquese con su banco.",
  },
};

const isKnown = (code: string | null): code is Exclude<keyof TDeclineWords, "other"> =>
  code === "insufficient_funds" ||
  code === "expired_card" ||
  code === "cvv_mismatch" ||
  code === "zip_mismatch";

/** What a person is told about a decline, in their language; never the raw processor text. */
export const declineMessage = (code: string | null, locale: TLocale = "en") =>
  WORDS[locale][isKnown(code) ? code : "other"];

/**
 * The decline a message in English tells of (the pay action answers in English), so that a page
 * can say it again in the reader's language with `declineMessage`; null for other words.
 */
export const declineCodeOf = (englishMessage: string) => {
  const entry = Object.entries(WORDS.en).find(([, words]) => words === englishMessage);
  return entry ? entry[0] : null;
};
