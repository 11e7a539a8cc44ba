import { describe, expect, it } from "vitest";
import { ZPayBillInput } from "@/lib/payments/schemas";

const base = {
  allocations: [{ statementId: "st_1", amount: "125.40" }],
  idempotencyKey: "6f1c2b9e-6a55-4a52-8d2f-0b8f3c1d2e4a",
};
const apple = {
  kind: "apple_pay",
  token: {
    paymentData: { version: "EC_v1", data: "abc", signature: "sig", header: { transactionId: "t" } },
    paymentMethod: { displayName: "Visa 1111", network: "Visa", type: "credit" },
    transactionIdentifier: "T1",
  },
};
const google = {
  kind: "google_pay",
  token: '{"protocolVersion":"ECv2"}',
  info: { cardNetwork: "VISA", cardDetails: "1111" },
};

const errorsOf = (input: unknown) => {
  const parsed = ZPayBillInput.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((i) => i.message);
};

describe("ZPayBillInput: how to pay", () => {
  it("takes exactly one of a new card's token, a saved method or a wallet payment", () => {
    expect(errorsOf({ ...base, token: "tok_12345678", methodKind: "CARD" })).toBeNull();
    expect(errorsOf({ ...base, paymentMethodId: "pm_1" })).toBeNull();
    expect(errorsOf({ ...base, wallet: apple })).toBeNull();
    expect(errorsOf({ ...base, wallet: google })).toBeNull();
    expect(errorsOf(base)).toEqual(["Enter your payment details."]);
    expect(errorsOf({ ...base, paymentMethodId: "pm_1", wallet: google })).toEqual([
      "Choose one way to pay.",
    ]);
    expect(errorsOf({ ...base, token: "tok_12345678" })).toEqual(["Choose card or bank account."]);
  });

  it("saves only a new card or bank account, never a saved method or a wallet payment", () => {
    expect(errorsOf({ ...base, token: "tok_12345678", methodKind: "CARD", saveMethod: true })).toBeNull();
    expect(errorsOf({ ...base, wallet: google, saveMethod: true })).toEqual([
      "Only a new card or bank account can be saved.",
    ]);
  });

  it("refuses a wallet payment of the wrong shape", () => {
    expect(errorsOf({ ...base, wallet: { kind: "apple_pay", token: "not an object" } })).not.toBeNull();
    expect(errorsOf({ ...base, wallet: { ...google, info: { cardNetwork: "VISA" } } })).not.toBeNull();
    expect(errorsOf({ ...base, wallet: { kind: "paypal", token: "x" } })).not.toBeNull();
  });
});
