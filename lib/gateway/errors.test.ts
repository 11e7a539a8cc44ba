import { importAnotherCopy } from "@/lib/test/another-copy";
import type * as GatewayErrorsModule from "@/lib/gateway/errors";
import { describe, expect, it } from "vitest";
import { errorFromNetwork, errorFromResponse, GatewayError, isGatewayError } from "@/lib/gateway/errors";

const body = (code: string) => ({ error: { code, message: "x" } });

describe("errorFromResponse", () => {
  it.each([
    // status, body, isMutation → code, retryable
    [502, body("processor_error"), true, "PROCESSOR_ERROR", true],
    [500, body("internal"), true, "INDETERMINATE", false],
    [503, null, true, "INDETERMINATE", false],
    [503, body("unavailable"), false, "RATE_LIMITED", true],
    [429, body("rate_limited"), true, "RATE_LIMITED", true],
    [409, body("already_settled"), true, "CONFLICT", false],
    [409, body("not_settled"), true, "CONFLICT", false],
    [410, body("token_used"), true, "INVALID_TOKEN", false],
    [422, body("amount_exceeds_refundable"), true, "AMOUNT_EXCEEDS_REFUNDABLE", false],
    [422, body("refund_window_expired"), true, "REFUND_WINDOW_EXPIRED", false],
    [404, body("not_found"), false, "NOT_FOUND", false],
    [402, body("card_declined"), true, "CARD_DECLINED", false],
    [404, body("payment_method_not_found"), true, "PAYMENT_METHOD_NOT_FOUND", false],
    [401, body("unauthorized"), false, "UNAUTHORIZED", false],
    [418, { nonsense: true }, false, "UNKNOWN", false],
  ] as const)("%i %j (mutation %s) → %s", (status, b, isMutation, code, isRetryable) => {
    const error = errorFromResponse({ status, body: b, isMutation });
    expect(error.code).toBe(code);
    expect(error.isRetryable).toBe(isRetryable);
    expect(error.status).toBe(status);
  });
});

describe("a card refused when stored", () => {
  const declined = (decline_code: unknown) => ({
    error: { code: "card_declined", message: "x", retryable: false, decline_code },
  });

  it("carries the decline code", () => {
    expect(
      errorFromResponse({ status: 402, body: declined("cvv_mismatch"), isMutation: true }),
    ).toMatchObject({
      code: "CARD_DECLINED",
      declineCode: "cvv_mismatch",
    });
  });

  it("reads a missing or unknown decline code as generic", () => {
    for (const code of [undefined, "stolen_card"]) {
      expect(errorFromResponse({ status: 402, body: declined(code), isMutation: true })).toMatchObject({
        code: "CARD_DECLINED",
        declineCode: "generic",
      });
    }
  });

  it("leaves declineCode null on every other error", () => {
    expect(
      errorFromResponse({ status: 409, body: body("already_settled"), isMutation: true }).declineCode,
    ).toBeNull();
  });
});

describe("errorFromNetwork", () => {
  it("makes a lost charge INDETERMINATE and a lost read retryable", () => {
    const timeout = Object.assign(new Error("aborted"), { name: "TimeoutError" });
    expect(errorFromNetwork({ cause: timeout, isMutation: true })).toMatchObject({
      code: "INDETERMINATE",
      isRetryable: false,
      message: "gateway unreachable: timed out",
    });
    expect(errorFromNetwork({ cause: new Error("ECONNREFUSED"), isMutation: false })).toMatchObject({
      code: "RATE_LIMITED",
      isRetryable: true,
    });
  });
});

describe("isGatewayError", () => {
  it("recognises a GatewayError made by another copy of this module, which instanceof does not", async () => {
    // A production build can hold this module in several chunks (lib/gateway/errors.ts).
    const copy = await importAnotherCopy<typeof GatewayErrorsModule>("@/lib/gateway/errors");
    const error = new copy.GatewayError({ code: "PROCESSOR_ERROR", isRetryable: true, message: "x" });
    expect(error instanceof GatewayError).toBe(false);
    expect(isGatewayError(error)).toBe(true);
    expect(isGatewayError(new Error("x"))).toBe(false);
    expect(isGatewayError({ code: "PROCESSOR_ERROR" })).toBe(false);
    expect(isGatewayError(null)).toBe(false);
  });
});
