import type { TErrorCode } from "@/lib/result";

/**
 * Thrown inside lib/ use cases. `message` is for logs; `userMessage` is what a person may read.
 * defineAction is the only place that turns it into an ActionResult.
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly userMessage: string;

  constructor(code: TErrorCode, { message, userMessage }: { message?: string; userMessage: string }) {
    super(message ?? userMessage);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const NOT_FOUND_MESSAGE = "We couldn't find that record.";

/** The same error for a record that is missing and one that belongs to someone else. */
export const notFoundError = (what = "record") =>
  new AppError("NOT_FOUND", {
    message: `${what} not found or not the caller's`,
    userMessage: NOT_FOUND_MESSAGE,
  });
