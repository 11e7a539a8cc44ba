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
import { PASSKEY_MESSAGES } from "@/lib/auth/mfa/passkey-messages";
import { PASSKEY_NAME_MAX, ZRenamePasskeyInput } from "@/lib/auth/mfa/schemas";
import { LOOKUP_LOCKED_MESSAGES, lookupFailureError } from "@/lib/guest/lookup-errors";
import { sayServerWords, translateFailure, type TSayServerWords } from "@/lib/i18n/server-words";
import { EMAIL_CHANGE_MESSAGES, PROFILE_VALUE_MESSAGES } from "@/lib/profile/messages";
import { methodInUseMessage } from "@/lib/saved-methods/messages";
import { ZAddMethodInput } from "@/lib/saved-methods/schemas";
import en from "@/messages/en";
import es from "@/messages/es";

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

describe("the messages that name a time or a thing are said again in Spanish, with their values", () => {
  const tEs = createTranslator({ locale: "es", messages: es, namespace: "ServerErrors" });
  const tEn = createTranslator({ locale: "en", messages: en, namespace: "ServerErrors" });
  const reader = (locale: "en" | "es") => ({
    locale,
    say: ((key, values) => (locale === "es" ? tEs : tEn)(key, values as never)) as TSayServerWords,
  });
  const spanish = (message: string) => sayServerWords(message, reader("es"));
  const lockout = (lockedUntil?: Date) =>
    lookupFailureError({ ok: false, reason: "LOCKED", ...(lockedUntil ? { lockedUntil } : {}) }).userMessage;

  it("a lookup's lockout, with the time it ends in Spanish, in the zone the English names", () => {
    // 21:05 UTC in December is 4:05 PM in New York; 16:00 UTC in July is noon there.
    const winter = lockout(new Date("2026-12-07T21:05:00Z"));
    expect(winter).toMatch(/paused until Dec 7, 2026, 4:05\sPM\. You can/);
    expect(spanish(winter)).toBe(
      "Demasiados intentos. Por su seguridad, las búsquedas quedan detenidas hasta el 7 dic 2026, 4:05 p.m.; mientras tanto, puede llamar a nuestra oficina de facturación.",
    );
    expect(spanish(lockout(new Date("2026-07-01T16:00:00Z")))).toContain("hasta el 1 jul 2026, 12:00 p.m.");
    expect(sayServerWords(winter, reader("en"))).toBe(winter);
    expect(spanish(lockout())).toBe(
      "Demasiados intentos. Por su seguridad, las búsquedas quedan detenidas durante 15 minutos. También puede llamar a nuestra oficina de facturación.",
    );
  });

  it("a time it cannot read leaves the whole message in English, not half of it", () => {
    const odd = LOOKUP_LOCKED_MESSAGES.lookupLocked("tomorrow morning");
    expect(spanish(odd)).toBe(odd);
  });

  it("a method still in use, naming each plan and autopay it pays", () => {
    expect(spanish(methodInUseMessage({ planAccounts: ["A-1001"], autopayAccounts: [] }))).toBe(
      "Esta forma de pago se usa para el plan de pagos de la cuenta A-1001. Primero elija allí otra forma de pago y luego elimine esta.",
    );
    expect(
      spanish(methodInUseMessage({ planAccounts: ["A-1001", "A-1002"], autopayAccounts: ["A-2001"] })),
    ).toBe(
      "Esta forma de pago se usa para el plan de pagos de la cuenta A-1001, el plan de pagos de la cuenta A-1002 y el pago automático de la cuenta A-2001. Primero elija allí otra forma de pago y luego elimine esta.",
    );
    const english = methodInUseMessage({ planAccounts: ["A-1"], autopayAccounts: ["A-2"] });
    expect(english).toBe(
      "This method pays the payment plan for account A-1 and autopay for account A-2. Choose another method there first, then remove this one.",
    );
    expect(sayServerWords(english, reader("en"))).toBe(english);
  });

  it("an account with a plan or autopay, an address now taken", () => {
    expect(spanish(PROFILE_VALUE_MESSAGES.unlinkHasPlan("A-7"))).toBe(
      "La cuenta A-7 tiene un plan de pagos activo que usted creó. Primero cancélelo y luego desvincule la cuenta.",
    );
    expect(spanish(PROFILE_VALUE_MESSAGES.unlinkHasAutopay("A-7"))).toMatch(
      /^La cuenta A-7 tiene un pago automático activo/,
    );
    expect(spanish(PROFILE_VALUE_MESSAGES.unlinkHasPlanAndAutopay("A-7"))).toMatch(
      /^La cuenta A-7 tiene un plan de pagos y un pago automático activos .* cancélelos/,
    );
    expect(spanish(EMAIL_CHANGE_MESSAGES.emailChangeTaken("ana+1@example.com"))).toBe(
      "ana+1@example.com ahora pertenece a otra cuenta de acceso, así que el correo electrónico de su cuenta de acceso no cambió.",
    );
  });

  it("the passkey errors and the name on a new card, from the schemas themselves", () => {
    const nameErrors = (name: string) =>
      ZRenamePasskeyInput.safeParse({ passkeyId: "p1", name }).error?.issues.map((i) => i.message) ?? [];
    expect(nameErrors("x".repeat(PASSKEY_NAME_MAX + 1)).map(spanish)).toEqual(["Use 60 caracteres o menos."]);
    expect(nameErrors("  ").map(spanish)).toEqual(["Escriba un nombre para la llave de acceso."]);
    expect(spanish(PASSKEY_MESSAGES.passkeyGone)).toBe(
      "Esa llave de acceso ya no está en su cuenta de acceso. Vuelva a cargar la página.",
    );
    const holder = ZAddMethodInput.safeParse({
      token: "tok_12345678",
      holderName: "N".repeat(101),
      idempotencyKey: crypto.randomUUID(),
    }).error?.issues.map((i) => i.message);
    expect(holder?.map(spanish)).toEqual(["El nombre puede tener 100 caracteres como máximo."]);
    const failure = translateFailure(
      {
        code: "VALIDATION" as const,
        message: "Please correct the highlighted fields.",
        fieldErrors: { holderName: holder },
      },
      reader("es"),
    );
    expect(failure.fieldErrors?.holderName).toEqual(["El nombre puede tener 100 caracteres como máximo."]);
  });
});
