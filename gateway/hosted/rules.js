// Card and bank-account rules, shared by the hosted-fields page (served to the browser as an
// ES module, /hosted/rules.js) and by the gateway's server, which checks everything again.
// Plain JavaScript so the browser can load it as is; rules.d.ts gives TypeScript its types.

/** @typedef {"visa" | "mastercard" | "amex" | "discover"} Brand */

export const BRAND_LABELS = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
};

/** Card lengths each brand issues. */
const BRAND_LENGTHS = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 17, 18, 19],
};

export const digitsOnly = (value) => String(value ?? "").replace(/\D/g, "");

/** The Luhn (mod 10) check digit test. */
export const luhnValid = (digits) => {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

/** The brand from the leading digits (IIN ranges), or null. Works on a partial number. */
export const detectBrand = (digits) => {
  if (/^4/.test(digits)) return "visa";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^5[1-5]/.test(digits)) return "mastercard";
  const first4 = Number(digits.slice(0, 4));
  if (digits.length >= 4 && first4 >= 2221 && first4 <= 2720) return "mastercard";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  const first6 = Number(digits.slice(0, 6));
  if (digits.length >= 6 && first6 >= 622126 && first6 <= 622925) return "discover";
  return null;
};

/** Groups for display: Amex 4-6-5, every other brand in fours. */
export const formatCardNumber = (value) => {
  const digits = digitsOnly(value).slice(0, 19);
  if (detectBrand(digits) === "amex") {
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10, 15)].filter(Boolean).join(" ");
  }
  return (digits.match(/.{1,4}/g) ?? []).join(" ");
};

/** "1", "12", "12/3", "12/34" as the digits come in; a first digit 2-9 is a month, so "4" becomes "04". */
export const formatExpiry = (value) => {
  let digits = digitsOnly(value).slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  if (digits.length < 2) return digits;
  if (digits.length === 2 && !String(value).includes("/")) return digits;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
};

/** "MM/YY" (or "MM/YYYY") → { month, year }, or null when it is not a date of that shape. */
export const parseExpiry = (value) => {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(String(value ?? ""));
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
};

/** A card is good through the last day of its expiry month. */
export const isExpired = ({ month, year }, now) =>
  year * 12 + month < now.getUTCFullYear() * 12 + (now.getUTCMonth() + 1);

/** The ABA routing-number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export const abaValid = (digits) => {
  if (!/^\d{9}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
};

export const ACCOUNT_TYPES = ["checking", "savings"];

export const CARD_FIELDS = ["number", "expiry", "cvv", "zip"];
export const ACH_FIELDS = ["routing_number", "account_number", "account_type"];

/** How far ahead an expiry may be (the hosted form and a stored card's expiry update alike). */
export const MAX_YEARS_AHEAD = 20;

/**
 * Checks a card form. `input` holds the fields as typed (spaces allowed in the number).
 * → { ok: true, value: { number, brand, last4, exp_month, exp_year } } or { ok: false, fields }.
 * The CVV is checked and then dropped: nothing downstream needs it. The ZIP is checked here; the
 * server keeps it on the token as the billing ZIP (5 digits, not card data) for a stored method.
 */
export const validateCard = (input, now) => {
  const fields = {};
  const rawNumber = String(input.number ?? "");
  const number = digitsOnly(rawNumber);
  const brand = detectBrand(number);
  if (!number) fields.number = "Enter the card number.";
  else if (/[^\d\s-]/.test(rawNumber) || !luhnValid(number)) fields.number = "Enter a valid card number.";
  else if (!brand) fields.number = "We accept Visa, Mastercard, American Express and Discover.";
  else if (!BRAND_LENGTHS[brand].includes(number.length)) fields.number = "Enter a valid card number.";

  const rawExpiry = String(input.expiry ?? "").trim();
  const expiry = parseExpiry(rawExpiry);
  if (!rawExpiry) fields.expiry = "Enter the expiration date as MM/YY.";
  else if (!expiry) fields.expiry = "Enter the expiration date as MM/YY, for example 04/29.";
  else if (isExpired(expiry, now))
    fields.expiry = "This card has expired. Check the date or use another card.";
  else if (expiry.year > now.getUTCFullYear() + MAX_YEARS_AHEAD)
    fields.expiry = "Enter the expiration date as MM/YY, for example 04/29.";

  const cvv = String(input.cvv ?? "").trim();
  const cvvLength = brand === "amex" ? 4 : 3;
  if (!new RegExp(`^\\d{${cvvLength}}$`).test(cvv)) {
    fields.cvv =
      brand === "amex"
        ? "Enter the 4-digit security code on the front of the card."
        : "Enter the 3-digit security code on the back of the card.";
  }

  const zip = String(input.zip ?? "").trim();
  if (!/^\d{5}$/.test(zip)) fields.zip = "Enter the 5-digit billing ZIP code.";

  if (Object.keys(fields).length > 0 || !brand || !expiry) return { ok: false, fields };
  return {
    ok: true,
    value: { number, brand, last4: number.slice(-4), exp_month: expiry.month, exp_year: expiry.year },
  };
};

/**
 * Checks a bank-account form → { ok: true, value: { routing_number, account_number, last4,
 * bank_account_type } } or { ok: false, fields }.
 */
export const validateAch = (input) => {
  const fields = {};
  const rawRouting = String(input.routing_number ?? "").trim();
  const routing = digitsOnly(rawRouting);
  if (!rawRouting) fields.routing_number = "Enter the 9-digit routing number.";
  else if (!/^\d{9}$/.test(rawRouting)) fields.routing_number = "Enter the 9-digit routing number.";
  else if (!abaValid(routing))
    fields.routing_number = "This routing number is not valid. Check it on a check.";

  const account = String(input.account_number ?? "").trim();
  if (!/^\d{4,17}$/.test(account)) fields.account_number = "Enter the account number: 4 to 17 digits.";

  const type = String(input.account_type ?? "");
  if (!ACCOUNT_TYPES.includes(type)) fields.account_type = "Choose checking or savings.";

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: {
      routing_number: routing,
      account_number: account,
      last4: account.slice(-4),
      bank_account_type: type,
    },
  };
};
