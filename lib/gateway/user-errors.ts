import { AppError } from "@/lib/errors";
import { declineMessage } from "@/lib/gateway/decline-messages";
import type { GatewayError, TGatewayErrorCode } from "@/lib/gateway/errors";
import type { TErrorCode } from "@/lib/result";

/**
 * What people are told about one kind of gateway error in a use case: its words, as a
 * GATEWAY_UNAVAILABLE (the processor could not do it; nothing changed), or another AppError code
 * with its words.
 */
export type TGatewayWording = string | { code: TErrorCode; userMessage: string };

/**
 * The AppError people see for a gateway's refusal or failure: the use case's wording for the
 * error's code (`byCode`), else `otherwise`. Never the gateway's own words; the log keeps them
 * (`message`, the gateway error's message unless given).
 */
export const gatewayUserError = (
  error: GatewayError,
  {
    byCode = {},
    otherwise,
    message = error.message,
  }: {
    byCode?: Partial<Record<TGatewayErrorCode, TGatewayWording>>;
    otherwise: string;
    message?: string;
  },
): AppError => {
  const wording = byCode[error.code] ?? otherwise;
  return typeof wording === "string"
    ? new AppError("GATEWAY_UNAVAILABLE", { message, userMessage: wording })
    : new AppError(wording.code, { message, userMessage: wording.userMessage });
};

/**
 * A declined card (a declined payment, or a card refused when stored): the decline's words
 * (declineMessage, never the processor's text), then `then` if given.
 */
export const declinedError = (
  declineCode: string | null,
  { message = `declined ${declineCode}`, then }: { message?: string; then?: string } = {},
) =>
  new AppError("CARD_DECLINED", {
    message,
    userMessage: then ? `${declineMessage(declineCode)} ${then}` : declineMessage(declineCode),
  });
