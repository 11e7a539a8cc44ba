import { describe, expect, it } from "vitest";
import { methodLabel, walletMethodLabel } from "@/lib/method-label";

describe("methodLabel", () => {
  it.each([
    [{ kind: "CARD", brand: "visa", last4: "4242" }, "Visa ••4242"],
    [{ kind: "CARD", brand: "amex", last4: "0005" }, "American Express ••0005"],
    [{ kind: "CARD", brand: "somecard", last4: "1234" }, "Somecard ••1234"],
    [{ kind: "CARD", brand: null, last4: null }, "Card"],
    [{ kind: "ACH", brand: "Chase", last4: "6789" }, "Bank account ••6789 (Chase)"],
    [{ kind: "ACH", brand: null, last4: "6789" }, "Bank account ••6789"],
    [{ kind: "APPLE_PAY", brand: "mastercard", last4: "4444" }, "Apple Pay · Mastercard ••4444"],
    [{ kind: "GOOGLE_PAY", brand: null, last4: null }, "Google Pay"],
    [{ kind: "CASH", brand: null, last4: null }, "Cash"],
    [{ kind: "CHECK", brand: null, last4: "1043" }, "Check ••1043"],
    [{ kind: "CHECK", brand: null, last4: null }, "Check"],
  ] as const)("%j reads %j", (method, label) => {
    expect(methodLabel(method)).toBe(label);
  });
});

describe("walletMethodLabel", () => {
  it("names a saved bank account by its bank, and puts a nickname first when asked", () => {
    const ach = { kind: "ACH", brand: null, bankName: "Chase", last4: "6789", nickname: "Joint" } as const;
    expect(walletMethodLabel(ach)).toBe("Bank account ••6789 (Chase)");
    expect(walletMethodLabel(ach, { withNickname: true })).toBe("Joint · Bank account ••6789 (Chase)");
    expect(
      walletMethodLabel({ ...ach, kind: "CARD", brand: "visa", nickname: null }, { withNickname: true }),
    ).toBe("Visa ••6789");
  });
});

describe("in Spanish", () => {
  it("names the kinds in Spanish and keeps the networks' and wallets' own names", () => {
    expect(methodLabel({ kind: "CARD", brand: null, last4: null }, "es")).toBe("Tarjeta");
    expect(methodLabel({ kind: "CARD", brand: "visa", last4: "4242" }, "es")).toBe("Visa ••4242");
    expect(methodLabel({ kind: "ACH", brand: "Chase", last4: "6789" }, "es")).toBe(
      "Cuenta bancaria ••6789 (Chase)",
    );
    expect(methodLabel({ kind: "CHECK", brand: null, last4: "1043" }, "es")).toBe("Cheque ••1043");
    expect(methodLabel({ kind: "CASH", brand: null, last4: null }, "es")).toBe("Efectivo");
    expect(methodLabel({ kind: "APPLE_PAY", brand: "visa", last4: "1111" }, "es")).toBe(
      "Apple Pay · Visa ••1111",
    );
    const ach = { kind: "ACH", brand: null, bankName: "Chase", last4: "6789", nickname: "Conjunta" } as const;
    expect(walletMethodLabel(ach, { withNickname: true, locale: "es" })).toBe(
      "Conjunta · Cuenta bancaria ••6789 (Chase)",
    );
  });
});
