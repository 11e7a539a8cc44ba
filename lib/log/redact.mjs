// Redaction of what goes into the logs (lib/log/logger.mjs applies it to every line). Plain
// JavaScript so that scripts/server.mjs (no TypeScript there) shares it with the app; the types
// are in redact.d.mts.

export const REDACTED = "[REDACTED]";

/**
 * 13 to 19 digits, single spaces or dashes allowed between them: a card number as typed or
 * printed (sixteen digits in groups of four, with spaces or dashes; fifteen in one run). Not part of a longer
 * run of digits or letters, so ids and hashes are left alone.
 */
const CARD_LIKE = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** `Authorization: Bearer …` / `Basic …`, wherever it appears in a text. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/**
 * Keys and secrets by their shape: the portal's API keys (ppk_live_…), the gateway's secret
 * keys and webhook secrets (sk_…, whsec_…), JWTs (three base64url parts, the first `eyJ`).
 */
const KEY_SHAPES =
  /\b(?:ppk_live_|sk_[a-z]+_|whsec_[a-z]*_?)[A-Za-z0-9_-]+|\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
/** `password=…`, `"token": "…"`, `secret: …` in a message: the name stays, the value goes. */
const NAMED_VALUE =
  /\b((?:pass(?:word|phrase|code)?|secret|token|api[_-]?key|apikey|authorization|cookie|cvv|cvc)["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic)\s|\[REDACTED\])[^\s"'&,;}]+/gi;

/** Field names whose value is never logged, whatever it looks like. */
const SECRET_FIELD =
  /pass(?:word|phrase|code)?$|secret|token|api[_-]?key|apikey|authorization|cookie|^cvv$|^cvc$|card[_-]?number|account[_-]?number|^pan$|^otp$|recovery/i;

/** A text with card-like numbers, emails, bearer tokens, keys and named secrets replaced. */
export const redactText = (text) =>
  text
    .replace(AUTH_SCHEME, (_, scheme) => `${scheme} ${REDACTED}`)
    .replace(KEY_SHAPES, REDACTED)
    .replace(NAMED_VALUE, (_, name) => `${name}${REDACTED}`)
    .replace(EMAIL, "[email]")
    .replace(CARD_LIKE, "[card]");

export const isSecretField = (name) => SECRET_FIELD.test(name);

const isErrorLike = (value) =>
  value instanceof Error ||
  (typeof value === "object" &&
    value !== null &&
    typeof value.message === "string" &&
    typeof value.stack === "string");

/**
 * A copy of a value fit for a log line: every string redacted (redactText), the value of every
 * secret field (isSecretField) replaced, errors turned into { type, message, stack, code, cause }
 * with their texts redacted. Cycles and depth beyond 8 are cut.
 */
export const redactValue = (value, seen = new WeakSet(), depth = 0) => {
  if (typeof value === "string") return redactText(value);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return "[…]";
  seen.add(value);
  if (isErrorLike(value)) {
    const out = {
      type: value.name ?? value.constructor?.name ?? "Error",
      message: redactText(value.message),
      stack: redactText(value.stack),
    };
    for (const key of Object.keys(value)) {
      if (key === "message" || key === "stack") continue;
      out[key] = isSecretField(key) ? REDACTED : redactValue(value[key], seen, depth + 1);
    }
    if (value.cause !== undefined) out.cause = redactValue(value.cause, seen, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, seen, depth + 1));
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      isSecretField(key) && v !== null && v !== undefined ? REDACTED : redactValue(v, seen, depth + 1);
  }
  return out;
};
