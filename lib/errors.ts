import type { TErrorCode, TFieldErrors } from "@/lib/result";

/**
 * Thrown inside lib/ use cases. `message` is for logs; `userMessage` is what a person may read.
 * defineAction is the only place that turns it into an ActionResult.
 */
/** The brand of every AppError, the same in every copy of this module (see isAppError). */
const APP_ERROR = Symbol.for("patient-portal.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: TErrorCode;
  readonly userMessage: string;
  /** Messages to show under particular fields of the form (e.g. "wrong current password"). */
  readonly fieldErrors?: TFieldErrors;

  constructor(
    code: TErrorCode,
    {
      message,
      userMessage,
      fieldErrors,
    }: { message?: string; userMessage: string; fieldErrors?: TFieldErrors },
  ) {
    super(message ?? userMessage);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    if (fieldErrors) this.fieldErrors = fieldErrors;
  }
}

/**
 * Whether `error` is an AppError. A production build can bundle this module into several
 * chunks, each with its own class, so an error thrown by code of one chunk is not `instanceof`
 * the class another chunk imported; the brand is the same in every copy.
 */
export const isAppError = (error: unknown): error is AppError =>
  typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[APP_ERROR] === true;

export const NOT_FOUND_MESSAGE = "We couldn't find that record.";

/** What a refused form says above its fields (defineAction). */
export const CORRECT_FIELDS_MESSAGE = "Please correct the highlighted fields.";

/** A field with a NUL in it (defineAction). */
export const NOT_ALLOWED_CHARACTER_MESSAGE = "This has a character that is not allowed.";

/** An unexpected error: a generic message and the request's reference, never the error's own words. */
export const unknownErrorMessage = (reference: string) =>
  `Something went wrong on our side. Please try again (reference ${reference}).`;

/** An action whose session is gone. */
export const SIGN_IN_AGAIN_MESSAGE = "Please sign in again.";

/** The same error for a record that is missing and one that belongs to someone else. */
export const notFoundError = (what = "record") =>
  new AppError("NOT_FOUND", {
    message: `${what} not found or not the caller's`,
    userMessage: NOT_FOUND_MESSAGE,
  });
