import { isGatewayError } from "@/lib/gateway";
import { declinedError, gatewayUserError } from "@/lib/gateway/user-errors";

/**
 * The gateway refused or failed: say what the patient can do, never the gateway's words. `then`
 * follows a decline's reason (what was not done).
 */
export const savedMethodGatewayError = (error: unknown, then = "It was not saved."): never => {
  if (!isGatewayError(error)) throw error;
  if (error.code === "CARD_DECLINED") {
    throw declinedError(error.declineCode, { message: `store declined ${error.gatewayCode}`, then });
  }
  throw gatewayUserError(error, {
    byCode: {
      INVALID_TOKEN: {
        code: "VALIDATION",
        userMessage: "Your card or bank details expired. Please enter them again.",
      },
    },
    otherwise: "We couldn't reach the payment processor. Nothing was changed; please try again in a moment.",
  });
};
