import { ZGatewayErrorBody, type TGatewayDeclineCode } from "@/lib/gateway/types";

/**
 * The few kinds of gateway failure the portal acts on differently (medusa's split):
 * - INDETERMINATE: we do not know whether money moved (timeout, 5xx, broken connection on a
 *   mutating call). Keep the payment PENDING; the webhook or reconciliation settles it.
 * - RETRYABLE: nothing happened and trying again later is fine (rate limit, 503 on a read).
 * - CARD_DECLINED: a card refused when stored (its $0 verification), with `declineCode`. A
 *   declined *payment* is not an error: it is a payment with status "declined".
 * - WALLET_NOT_STORABLE: `saveMethod` with an Apple Pay or Google Pay CRYPTOGRAM_3DS payment;
 *   nothing was charged, the wallet token is still good: pay again without saving.
 * - APPLE_PAY_NOT_ALLOWED: a merchant session refused (not an Apple validation URL, or a domain
 *   not registered for Apple Pay): hide the Apple Pay button.
 * - anything else is final for this request.
 */
export type TGatewayErrorCode =
  | "INDETERMINATE"
  | "INVALID_TOKEN"
  | "CARD_DECLINED"
  | "WALLET_NOT_STORABLE"
  | "APPLE_PAY_NOT_ALLOWED"
  | "PAYMENT_METHOD_NOT_FOUND"
  | "INVALID_REQUEST"
  | "CONFLICT"
  | "NOT_FOUND"
  | "AMOUNT_EXCEEDS_REFUNDABLE"
  | "REFUND_WINDOW_EXPIRED"
  | "PROCESSOR_ERROR"
  | "RATE_LIMITED"
  | "UNAUTHORIZED"
  | "UNKNOWN";

/**
 * The brand every GatewayError carries. A production build can hold this module in several
 * chunks, each with its own GatewayError class, while one client (made by whichever chunk asked
 * first) is shared by the whole process: `instanceof` then answers for the class, not the error.
 * `Symbol.for` gives every copy the same brand; `isGatewayError` is how an error is recognised.
 */
const GATEWAY_ERROR = Symbol.for("patient-portal.GatewayError");

export class GatewayError extends Error {
  readonly [GATEWAY_ERROR] = true;
  readonly code: TGatewayErrorCode;
  /** The gateway's own code, e.g. "already_settled". */
  readonly gatewayCode: string | null;
  readonly status: number | null;
  readonly isRetryable: boolean;
  /** Why a card was refused (CARD_DECLINED); null otherwise. */
  readonly declineCode: TGatewayDeclineCode | null;

  constructor({
    code,
    gatewayCode = null,
    status = null,
    isRetryable,
    message,
    declineCode = null,
  }: {
    code: TGatewayErrorCode;
    gatewayCode?: string | null;
    status?: number | null;
    isRetryable: boolean;
    message: string;
    declineCode?: TGatewayDeclineCode | null;
  }) {
    super(message);
    this.name = "GatewayError";
    this.code = code;
    this.gatewayCode = gatewayCode;
    this.status = status;
    this.isRetryable = isRetryable;
    this.declineCode = declineCode;
  }
}

/** Whether `error` is a GatewayError, from whichever copy of this module made it (never `instanceof`). */
export const isGatewayError = (error: unknown): error is GatewayError =>
  typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[GATEWAY_ERROR] === true;

const CODE_BY_GATEWAY_CODE: Record<string, TGatewayErrorCode> = {
  invalid_request: "INVALID_REQUEST",
  unauthorized: "UNAUTHORIZED",
  not_found: "NOT_FOUND",
  already_settled: "CONFLICT",
  not_settled: "CONFLICT",
  already_voided: "CONFLICT",
  payment_declined: "CONFLICT",
  card_declined: "CARD_DECLINED",
  payment_method_not_found: "PAYMENT_METHOD_NOT_FOUND",
  token_expired: "INVALID_TOKEN",
  token_used: "INVALID_TOKEN",
  wallet_token_invalid: "INVALID_TOKEN",
  wallet_method_not_storable: "WALLET_NOT_STORABLE",
  invalid_validation_url: "APPLE_PAY_NOT_ALLOWED",
  apple_pay_domain_not_registered: "APPLE_PAY_NOT_ALLOWED",
  amount_exceeds_refundable: "AMOUNT_EXCEEDS_REFUNDABLE",
  idempotency_key_reused: "INVALID_REQUEST",
  refund_window_expired: "REFUND_WINDOW_EXPIRED",
  processor_error: "PROCESSOR_ERROR",
  unavailable: "RATE_LIMITED",
  rate_limited: "RATE_LIMITED",
};

/**
 * Maps an HTTP answer that is not a success to a GatewayError. `isMutation`: a 5xx on a call
 * that may have moved money is INDETERMINATE, except the gateway's explicit processor_error,
 * which promises nothing was charged.
 */
export const errorFromResponse = ({
  status,
  body,
  isMutation,
}: {
  status: number;
  body: unknown;
  isMutation: boolean;
}): GatewayError => {
  const parsed = ZGatewayErrorBody.safeParse(body);
  const gatewayCode = parsed.success ? parsed.data.error.code : null;
  const message = `gateway answered ${status}${gatewayCode ? ` ${gatewayCode}` : ""}`;
  const known = gatewayCode ? CODE_BY_GATEWAY_CODE[gatewayCode] : undefined;
  if (known === "PROCESSOR_ERROR") {
    return new GatewayError({ code: known, gatewayCode, status, isRetryable: true, message });
  }
  if (status >= 500 || status === 429) {
    if (isMutation && status !== 429) {
      return new GatewayError({ code: "INDETERMINATE", gatewayCode, status, isRetryable: false, message });
    }
    return new GatewayError({
      code: known ?? "RATE_LIMITED",
      gatewayCode,
      status,
      isRetryable: true,
      message,
    });
  }
  if (known === "CARD_DECLINED") {
    const declineCode = parsed.success ? (parsed.data.error.decline_code ?? "generic") : "generic";
    return new GatewayError({
      code: known,
      gatewayCode,
      status,
      isRetryable: false,
      message: `${message} ${declineCode}`,
      declineCode,
    });
  }
  return new GatewayError({ code: known ?? "UNKNOWN", gatewayCode, status, isRetryable: false, message });
};

/** A timeout or a broken connection: on a mutation we cannot know what happened. */
export const errorFromNetwork = ({ cause, isMutation }: { cause: unknown; isMutation: boolean }) =>
  new GatewayError({
    code: isMutation ? "INDETERMINATE" : "RATE_LIMITED",
    isRetryable: !isMutation,
    message: `gateway unreachable: ${(cause as Error)?.name === "TimeoutError" ? "timed out" : String((cause as Error)?.message ?? cause)}`,
  });
