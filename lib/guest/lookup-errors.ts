import { AppError } from "@/lib/errors";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";
import type { TFindStatementResult } from "@/lib/guest/find-statement";

/** One message for every kind of wrong data: it never says which field was wrong. */
export const LOOKUP_NO_MATCH_MESSAGE =
  "We couldn't find a statement with those details. Check them against your paper statement and try again.";

/**
 * A lockout's words, with the time it ends (in the practice's zone, en-US) or, when no lock row
 * says when (the limit taken by attempts still under way), in 15 minutes. The forms find them
 * among `ServerErrors` and say the time again in the reader's language (lib/i18n/server-words.ts).
 */
export const LOOKUP_LOCKED_MESSAGES = {
  lookupLockedSoon:
    "Too many attempts. For your security, lookups are paused until 15 minutes from now. You can also call our billing office.",
  lookupLocked: (time: string) =>
    `Too many attempts. For your security, lookups are paused until ${time}. You can also call our billing office.`,
} as const;

export const lookupFailureError = (result: Extract<TFindStatementResult, { ok: false }>) =>
  result.reason === "LOCKED"
    ? new AppError("RATE_LIMITED", {
        userMessage: result.lockedUntil
          ? LOOKUP_LOCKED_MESSAGES.lookupLocked(formatInstant(result.lockedUntil, DEFAULT_TIME_ZONE))
          : LOOKUP_LOCKED_MESSAGES.lookupLockedSoon,
      })
    : new AppError("NOT_FOUND", { userMessage: LOOKUP_NO_MATCH_MESSAGE });
