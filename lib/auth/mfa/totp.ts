import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/**
 * TOTP (RFC 6238) through otpauth: HMAC-SHA1, 6 digits, 30-second steps, what every
 * authenticator app reads from an otpauth:// URI. A code is accepted for the step before, the
 * step of and the step after the time it is checked (clocks drift), and only for a step later
 * than the last one accepted for that user (a code is good once: RFC 6238 §5.2).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ISSUER = "Riverside Family Medicine";

/** A new secret: 160 random bits (RFC 4226 §4), as base32 (what the enrolment page shows). */
export const newTotpSecret = () => new Secret({ buffer: randomBytes(20).buffer as ArrayBuffer }).base32;

const totpOf = (base32: string, label = "") =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });

/** The otpauth:// URI an authenticator app reads (the QR code holds it). */
export const totpUri = (base32: string, accountName: string) => totpOf(base32, accountName).toString();

/** The time step of an instant. */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code of a secret at an instant (tests, and nothing else on the server). */
export const totpCode = (base32: string, at: Date) => totpOf(base32).generate({ timestamp: at.getTime() });

/** Spaces and dashes people type between digit groups are not part of the code. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, "");

/**
 * The step a code matches at `at` (within one step either side), or null; a step not after
 * `lastStep` is refused (replay).
 */
export const matchTotp = ({
  secret,
  code,
  at,
  lastStep,
}: {
  secret: string;
  code: string;
  at: Date;
  lastStep: number | null;
}): number | null => {
  const token = normaliseCode(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const now = totpStep(at);
  // Each step of the window, checked one by one, so a code of an already used step is refused
  // even when another step of the window has the same code.
  for (const step of [now - 1, now, now + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    const expected = totpOf(secret).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
    if (expected === token) return step;
  }
  return null;
};

/** Recovery codes: ten, each 10 characters of a 32-letter alphabet (50 bits), shown as xxxxx-xxxxx. */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"; // base32 (RFC 4648), lower case

export const newRecoveryCodes = () =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(randomBytes(10), (b) => RECOVERY_ALPHABET[b % 32]!).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });

/** Whether typed text has the shape of a recovery code (not a 6-digit TOTP code). */
export const looksLikeRecoveryCode = (code: string) =>
  /^[a-z0-9]{10}$/.test(normaliseCode(code).toLowerCase());

/** SHA-256 of a recovery code, case, spaces and dashes aside (the codes are random: a fast hash is enough). */
export const hashRecoveryCode = (code: string) =>
  createHash("sha256").update(normaliseCode(code).toLowerCase()).digest("hex");
