import type { TErrorCode, TFieldErrors } from "@/lib/result";

/**
 * Thrown inside lib/ use cases. `message` is for logs; `userMessage` is what a person may read.
 * defineAction is the only place that turns it into an ActionResult.
 */
export class AppError extends Error {
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

export const NOT_FOUND_MESSAGE = "We couldn't find that record.";

/** The same error for a record that is missing and one that belongs to someone else. */
export const notFoundError = (what = "record") =>
  new AppError("NOT_FOUND", {
    message: `${what} not found or not the caller's`,
    userMessage: NOT_FOUND_MESSAGE,
  });
