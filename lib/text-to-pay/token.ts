import { createHash, randomBytes } from "node:crypto";

/** How long a text-to-pay link opens its statement (docs/sms.md, "Text-to-pay"). */
export const TEXT_TO_PAY_LINK_DAYS = 30;
/** A link older than this asks the patient's date of birth before the statement opens. */
export const TEXT_TO_PAY_FRESH_HOURS = 24;

/** 144 random bits: 24 characters of base64url, short enough for a text. */
const TOKEN_BYTES = 18;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/** A new link token (the text carries it; we keep its hash). */
export const newTextToPayToken = () => randomBytes(TOKEN_BYTES).toString("base64url");

/** SHA-256 (hex) of a token: what text_to_pay_link.tokenHash stores (144 random bits need no slow hash). */
export const hashTextToPayToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether a string could be a token at all: anything else is refused before the database is asked. */
export const isTextToPayTokenShaped = (token: string) => TOKEN_SHAPE.test(token);

/** The path a token opens (`{NEXTAUTH_URL}/t/<token>`). */
export const textToPayPath = (token: string) => `/t/${token}`;

/**
 * Carries a link's token from `/t/<token>` to the date-of-birth page when the link is past its
 * first day (httpOnly, 15 minutes), so the token is not put in another address.
 */
export const TEXT_LINK_COOKIE = "ppp_text_link";
export const TEXT_LINK_COOKIE_SECONDS = 15 * 60;
