import { AppError } from "@/lib/errors";
import { isGatewayError } from "@/lib/gateway";
import { declineMessage } from "@/lib/gateway/decline-messages";

/** The gateway refused or failed: say what the patient can do, never the gateway's words. */
export const savedMethodGatewayError = (error: unknown): never => {
  if (!isGatewayError(error)) throw error;
  if (error.code === "CARD_DECLINED") {
    throw new AppError("CARD_DECLINED", {
      message: `store declined ${error.gatewayCode}`,
      userMessage: `${declineMessage(error.declineCode)} It was not saved.`,
    });
  }
  if (error.code === "INVALID_TOKEN") {
    throw new AppError("VALIDATION", {
      message: error.message,
      userMessage: "Your card or bank details expired. Please enter them again.",
    });
  }
  throw new AppError("GATEWAY_UNAVAILABLE", {
    message: error.message,
    userMessage:
      "We couldn't reach the payment processor. Nothing was changed; please try again in a moment.",
  });
};
