import { describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/errors";
import { declinedError, gatewayUserError } from "@/lib/gateway/user-errors";

const gatewayError = (code: GatewayError["code"]) =>
  new GatewayError({ code, gatewayCode: code.toLowerCase(), isRetryable: false, message: `gateway ${code}` });

describe("gatewayUserError", () => {
  it("says the use case's words for a code it names, under the AppError code it gives", () => {
    const error = gatewayUserError(gatewayError("INVALID_TOKEN"), {
      byCode: { INVALID_TOKEN: { code: "VALIDATION", userMessage: "Enter them again." } },
      otherwise: "Try again later.",
    });
    expect(error).toMatchObject({
      code: "VALIDATION",
      userMessage: "Enter them again.",
      message: "gateway INVALID_TOKEN",
    });
  });

  it("makes a wording given as words a GATEWAY_UNAVAILABLE", () => {
    const error = gatewayUserError(gatewayError("PROCESSOR_ERROR"), {
      byCode: { PROCESSOR_ERROR: "The processor had a problem." },
      otherwise: "Try again later.",
    });
    expect(error).toMatchObject({ code: "GATEWAY_UNAVAILABLE", userMessage: "The processor had a problem." });
  });

  it("says `otherwise` for any other code, keeping a log message given", () => {
    const error = gatewayUserError(gatewayError("NOT_FOUND"), {
      otherwise: "Try again later.",
      message: "for the log",
    });
    expect(error).toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
      userMessage: "Try again later.",
      message: "for the log",
    });
  });
});

describe("declinedError", () => {
  it("tells the decline in the portal's words, then what follows", () => {
    expect(declinedError("expired_card")).toMatchObject({
      code: "CARD_DECLINED",
      message: "declined expired_card",
      userMessage: "Your card has expired. Check the expiry date or use another card.",
    });
    expect(
      declinedError(null, { message: "store declined card_declined", then: "It was not saved." }),
    ).toMatchObject({
      message: "store declined card_declined",
      userMessage:
        "Your card was declined. Try another card or a bank account, or contact your bank. It was not saved.",
    });
  });
});
