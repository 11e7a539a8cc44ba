import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { AUTOPAY_ERROR_WORDS } from "@/components/autopay/use-autopay-error-text";
import { PLAN_ERROR_WORDS } from "@/components/plans/use-plan-error-text";
import { WALLET_ERROR_WORDS } from "@/components/saved-methods/use-wallet-error-text";
import { parseIsoDay } from "@/lib/dates";
import { formatCents, MIN_PAYMENT_CENTS } from "@/lib/money";
import { planMessages } from "@/lib/plans/schedule";
import { planFormMessages } from "@/lib/plans/schemas";
import en from "@/messages/en";

const root = path.resolve(import.meta.dirname, "../..");

/** Every .ts file of these folders (not tests), and these files, as one text. */
const sourceOf = (...paths: string[]) =>
  paths
    .flatMap((p) =>
      p.endsWith(".ts")
        ? [p]
        : readdirSync(path.join(root, p))
            .filter((f) => f.endsWith(".ts") && !f.includes(".test."))
            .map((f) => path.join(p, f)),
    )
    .map((f) => readFileSync(path.join(root, f), "utf8"))
    .join("\n");

/** A string literal as Prettier writes it in the source (double quotes, or single around a "). */
const literal = (text: string) => (text.includes('"') ? `'${text}'` : JSON.stringify(text));

describe("the plan forms' errors are the server's words", () => {
  const source = sourceOf(
    "lib/plans",
    "lib/define-action.ts",
    "lib/errors.ts",
    "lib/payments/pay-messages.ts",
    "lib/payments/schemas.ts",
  );
  const t = createTranslator({ locale: "en", messages: en, namespace: "PlanErrors" });

  it.each(Object.entries(PLAN_ERROR_WORDS))("%s", (key, english) => {
    expect(source).toContain(literal(english));
    expect(en.PlanErrors[key as keyof typeof PLAN_ERROR_WORDS]).toBe(english);
  });

  it("the rules' messages, with their amounts, days and dates", () => {
    const money = (cents: number) => formatCents(cents);
    expect(t("nothingToSpread")).toBe(planMessages.nothingToSpread);
    expect(t("downPaymentTooSmall", { amount: money(MIN_PAYMENT_CENTS) })).toBe(
      planMessages.downPaymentTooSmall,
    );
    expect(t("downPaymentTooLarge", { amount: money(89000) })).toBe(planMessages.downPaymentTooLarge(89000));
    expect(t("financedTooSmall", { amount: money(2500) })).toBe(planMessages.financedTooSmall(2500));
    expect(t("totalTooSmall", { amount: money(2500) })).toBe(planMessages.totalTooSmall(2500));
    expect(t("installmentTooSmall", { amount: money(2500) })).toBe(planMessages.installmentTooSmall(2500));
    expect(t("countInvalid")).toBe(planMessages.countInvalid);
    expect(t("frequencyInvalid")).toBe(planMessages.frequencyInvalid);
    expect(t("dayOfMonthInvalid")).toBe(planMessages.dayOfMonthInvalid);
    expect(t("planTooLong", { months: 24 })).toBe(planMessages.planTooLong(24));
    const day = parseIsoDay("2026-04-30")!;
    expect(t("startDateOutOfRange", { date: "Apr 30, 2026" })).toBe(planMessages.startDateOutOfRange(day));
    for (const key of [
      "downPaymentFormat",
      "sizeBy",
      "installmentAmountFormat",
      "installmentAmountZero",
      "startDateFormat",
    ] as const) {
      expect(t(key)).toBe(planFormMessages[key]);
    }
  });

  it("the messages that name a statement or an amount", () => {
    expect(source).toContain("`Statement ${inPlan.statementNumber} is already in a payment plan.`");
    expect(t("alreadyInPlan", { number: "ST-1" })).toBe("Statement ST-1 is already in a payment plan.");
    expect(source).toContain("`Statement ${paid.statementNumber} has nothing left to pay.`");
    expect(t("nothingLeft", { number: "ST-1" })).toBe("Statement ST-1 has nothing left to pay.");
    expect(source).toContain(
      "`The statements in this plan have ${formatCents(covered)} left to pay; pay at most that.`",
    );
    expect(t("overRemaining", { amount: "$1,250.00" })).toBe(
      "The statements in this plan have $1,250.00 left to pay; pay at most that.",
    );
  });
});

describe("the autopay form's errors are the server's words", () => {
  const source = sourceOf(
    "lib/autopay",
    "lib/define-action.ts",
    "lib/errors.ts",
    "lib/payments/pay-messages.ts",
    "lib/payments/schemas.ts",
  );

  it.each(Object.entries(AUTOPAY_ERROR_WORDS))("%s", (key, english) => {
    expect(source).toContain(literal(english));
    expect(en.AutopayErrors[key as keyof typeof AUTOPAY_ERROR_WORDS]).toBe(english);
  });

  it("the message that names an account", () => {
    expect(source).toContain("`Account ${account.accountNumber} is already on autopay.`");
    const t = createTranslator({ locale: "en", messages: en, namespace: "AutopayErrors" });
    expect(t("alreadyOn", { number: "A-1" })).toBe("Account A-1 is already on autopay.");
  });
});

describe("the wallet forms' errors are the server's words", () => {
  const source = sourceOf(
    "lib/saved-methods",
    "lib/define-action.ts",
    "lib/errors.ts",
    "lib/payments/pay-messages.ts",
  );

  it.each(Object.entries(WALLET_ERROR_WORDS))("%s", (key, english) => {
    expect(source).toContain(literal(english));
    expect(en.WalletErrors[key as keyof typeof WALLET_ERROR_WORDS]).toBe(english);
  });
});
