import { AppError } from "@/lib/errors";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";
import type { TFindStatementResult } from "@/lib/guest/find-statement";

/** One message for every kind of wrong data: it never says which field was wrong. */
export const LOOKUP_NO_MATCH_MESSAGE =
  "We couldn't find a statement with those details. Check them against your paper statement and try again.";

export const lookupFailureError = (result: Extract<TFindStatementResult, { ok: false }>) =>
  result.reason === "LOCKED"
    ? new AppError("RATE_LIMITED", {
        userMessage: `Too many attempts. For your security, lookups are paused until ${
          result.lockedUntil ? formatInstant(result.lockedUntil, DEFAULT_TIME_ZONE) : "15 minutes from now"
        }. You can also call our billing office.`,
      })
    : new AppError("NOT_FOUND", { userMessage: LOOKUP_NO_MATCH_MESSAGE });
