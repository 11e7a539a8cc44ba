// Types for rules.js (plain JavaScript so that the hosted-fields page can load it as is).

export type TBrand = "visa" | "mastercard" | "amex" | "discover";
export type TAccountType = "checking" | "savings";
export type TCardField = "number" | "expiry" | "cvv" | "zip";
export type TAchField = "routing_number" | "account_number" | "account_type";
export type TFieldErrors<F extends string> = Partial<Record<F, string>>;

export declare const BRAND_LABELS: Record<TBrand, string>;
export declare const ACCOUNT_TYPES: readonly TAccountType[];
export declare const CARD_FIELDS: readonly TCardField[];
export declare const ACH_FIELDS: readonly TAchField[];
export declare const MAX_YEARS_AHEAD: number;

export declare const digitsOnly: (value: unknown) => string;
export declare const luhnValid: (digits: string) => boolean;
export declare const detectBrand: (digits: string) => TBrand | null;
export declare const formatCardNumber: (value: string) => string;
export declare const formatExpiry: (value: string) => string;
export declare const parseExpiry: (value: string) => { month: number; year: number } | null;
export declare const isExpired: (expiry: { month: number; year: number }, now: Date) => boolean;
export declare const abaValid: (digits: string) => boolean;

export type TCardInput = { number?: unknown; expiry?: unknown; cvv?: unknown; zip?: unknown };
export type TValidCard = {
  number: string;
  brand: TBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
};
export declare const validateCard: (
  input: TCardInput,
  now: Date,
) => { ok: true; value: TValidCard } | { ok: false; fields: TFieldErrors<TCardField> };

export type TAchInput = { routing_number?: unknown; account_number?: unknown; account_type?: unknown };
export type TValidAch = {
  routing_number: string;
  account_number: string;
  last4: string;
  bank_account_type: TAccountType;
};
export declare const validateAch: (
  input: TAchInput,
) => { ok: true; value: TValidAch } | { ok: false; fields: TFieldErrors<TAchField> };
