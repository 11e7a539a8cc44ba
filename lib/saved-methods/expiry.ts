import { DAY_MS } from "@/lib/dates";

/** A card is good through the last day of its expiry month. */
export const EXPIRES_SOON_DAYS = 60;

export type TExpiryState = "valid" | "expires_soon" | "expired";

/** The first day after a card's expiry month, as a UTC-midnight Date. */
const endOfValidity = (expMonth: number, expYear: number) => new Date(Date.UTC(expYear, expMonth, 1));

/**
 * Where a card stands on `today` (a calendar day as a UTC-midnight Date, in the practice's
 * zone): expired from the first day after its month, "expires soon" when its last valid day
 * is at most 60 days away, valid otherwise. A bank account (no expiry) is always valid.
 */
export const expiryState = (
  { expMonth, expYear }: { expMonth: number | null; expYear: number | null },
  today: Date,
): TExpiryState => {
  if (expMonth === null || expYear === null) return "valid";
  const end = endOfValidity(expMonth, expYear).getTime();
  if (today.getTime() >= end) return "expired";
  const lastDay = end - DAY_MS;
  if (lastDay - today.getTime() <= EXPIRES_SOON_DAYS * DAY_MS) return "expires_soon";
  return "valid";
};

/** "MM/YY" or "MM/YYYY" as typed → month and four-digit year, or null. */
export const parseExpiry = (input: string): { expMonth: number; expYear: number } | null => {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return null;
  const expMonth = Number(match[1]);
  const year = Number(match[2]);
  if (expMonth < 1 || expMonth > 12) return null;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
};

export const formatExpiry = (expMonth: number, expYear: number) =>
  `${String(expMonth).padStart(2, "0")}/${String(expYear % 100).padStart(2, "0")}`;
