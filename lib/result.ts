export type TErrorCode =
  | "VALIDATION"
  /** A refund or user change whose session's second-factor check is older than 15 minutes. */
  | "STEP_UP_REQUIRED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "INVALID_CREDENTIALS"
  | "EMAIL_NOT_VERIFIED"
  | "EMAIL_TAKEN"
  | "TOKEN_INVALID"
  | "ALREADY_LINKED"
  | "CARD_DECLINED"
  | "PAYMENT_PENDING"
  | "AMOUNT_EXCEEDS_BALANCE"
  | "ALREADY_VOIDED"
  /** Staff void of a payment that has settled (refund it instead), or is not in a voidable state. */
  | "NOT_VOIDABLE"
  /** Staff refund of a payment that has not settled (void it instead), or has nothing to refund. */
  | "NOT_REFUNDABLE"
  | "GATEWAY_UNAVAILABLE"
  /** A refund above the practice's large-refund threshold by staff without payments.refund.large. */
  | "OVER_REFUND_LIMIT"
  | "METHOD_IN_USE"
  /** A staff user change that would break a rule (the last enabled admin, disabling oneself). */
  | "CONFLICT"
  | "UNKNOWN";

export type TFieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; code: TErrorCode; message: string; fieldErrors?: TFieldErrors };

/** The state a form's useActionState starts with. */
export type FormState<T = undefined> = ActionResult<T> | null;

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });
export const fail = (code: TErrorCode, message: string, fieldErrors?: TFieldErrors): ActionResult<never> => ({
  ok: false,
  code,
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});
