import type { PaymentMethodKind } from "@/lib/generated/prisma/enums";
import type { TLocale } from "@/lib/locale";

/**
 * How a payment method is named wherever people read it (receipts, payment history, the staff
 * payment page, saved methods, emails): one spelling everywhere.
 */

/** What a payment or a saved method says about the method it used. */
export type TPaymentMethodFacts = { kind: PaymentMethodKind; brand: string | null; last4: string | null };

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  american_express: "American Express",
  discover: "Discover",
  jcb: "JCB",
  diners: "Diners Club",
  unionpay: "UnionPay",
};

/** The kinds' names per language (card networks and wallets keep their own names); Spanish per docs/glossary.md. */
const KINDS: Record<TLocale, Record<PaymentMethodKind, string>> = {
  en: {
    CARD: "Card",
    ACH: "Bank account",
    APPLE_PAY: "Apple Pay",
    GOOGLE_PAY: "Google Pay",
    CASH: "Cash",
    CHECK: "Check",
  },
  es: {
    CARD: "Tarjeta",
    ACH: "Cuenta bancaria",
    APPLE_PAY: "Apple Pay",
    GOOGLE_PAY: "Google Pay",
    CASH: "Efectivo",
    CHECK: "Cheque",
  },
};

/** "visa" → "Visa"; an unknown brand keeps its own spelling, capitalised. */
export const brandName = (brand: string) =>
  BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);

/**
 * "Visa ••1111", "Bank account ••6789 (Chase)", "Apple Pay · Visa ••1111", "Cash", "Check ••1043"
 * (a payment recorded from the practice's file); before the gateway has answered there is no
 * brand or last 4, and it is just "Card".
 */
export const methodLabel = ({ kind, brand, last4 }: TPaymentMethodFacts, locale: TLocale = "en") => {
  const names = KINDS[locale];
  const digits = last4 ? ` ••${last4}` : "";
  switch (kind) {
    case "CARD":
      return `${brand ? brandName(brand) : names.CARD}${digits}`;
    case "ACH":
      return `${names.ACH}${digits}${brand ? ` (${brand})` : ""}`;
    case "APPLE_PAY":
    case "GOOGLE_PAY":
      // "Apple Pay · Visa ••1111": the wallet, then the card network and last 4 underneath it.
      return brand || last4
        ? `${names[kind]} · ${[brand ? brandName(brand) : null, last4 ? `••${last4}` : null].filter(Boolean).join(" ")}`
        : names[kind];
    case "CASH":
      return names.CASH;
    case "CHECK":
      return `${names.CHECK}${digits}`;
  }
};

/** The fields of a saved method that walletMethodLabel reads, for a query's select. */
export const SAVED_METHOD_LABEL_SELECT = {
  kind: true,
  brand: true,
  bankName: true,
  last4: true,
  nickname: true,
} as const;

/** A saved method (a bank account's brand is its bank's name). */
type TSavedMethodFacts = {
  kind: PaymentMethodKind;
  brand: string | null;
  bankName: string | null;
  last4: string;
  nickname: string | null;
};

/** "Visa ••4242", "Bank account ••6789 (Chase)"; with the nickname first when asked: "Work card · Visa ••4242". */
export const walletMethodLabel = (
  m: TSavedMethodFacts,
  { withNickname = false, locale = "en" }: { withNickname?: boolean; locale?: TLocale } = {},
) => {
  const label = methodLabel(
    { kind: m.kind, brand: m.kind === "ACH" ? m.bankName : m.brand, last4: m.last4 },
    locale,
  );
  return withNickname && m.nickname ? `${m.nickname} · ${label}` : label;
};
