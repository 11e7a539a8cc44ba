import { useLocale, useTranslations } from "next-intl";
import { addDays, formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { formatCents, MIN_PAYMENT_CENTS, parseDollarsToCents } from "@/lib/money";
import { planMessages, resolvePlanPolicy, type TPlanPolicy } from "@/lib/plans/schedule";
import { planFormMessages } from "@/lib/plans/schemas";
import type { TFieldErrors } from "@/lib/result";
import { useServerWords } from "@/components/ui/use-server-words";

/**
 * The plan actions' own words, as the server writes them (lib/plans/create-plan.ts,
 * change-plan.ts, action-schemas.ts, lib/define-action.ts), each with its key in `PlanErrors`;
 * components/i18n/server-words.test.ts checks that they are the server's words and the English messages.
 */
export const PLAN_ERROR_WORDS = {
  correctFields: "Please correct the highlighted fields.",
  choosePaymentMethod: "Choose a payment method.",
  cardExpired: "That card has expired. Choose another method, or update its expiry date in your wallet.",
  cardExpiredShort: "That card has expired. Choose another method.",
  cardExpiredField: "That card has expired.",
  agreementChanged: "The plan agreement has changed. Please read it again and accept it.",
  oneAccount: "A plan covers the statements of one account. Choose statements of one account.",
  notActive: "This plan is no longer active.",
  beingCharged: "An installment of this plan is being charged right now. Please try again in a few minutes.",
  onlyUpcoming: "Only an upcoming installment can be skipped.",
  confirmCancel: "Tick the box to confirm that you want to cancel the plan.",
  enterAmount: "Enter an amount.",
  amountFormat: "Enter an amount in dollars and cents, like 25.00.",
  smallestPayment: "The smallest payment is $1.00.",
} as const;

/** The server's words that name a statement or an amount: read back, then said again. */
const PATTERNS = [
  [/^Statement (.+) is already in a payment plan\.$/, "alreadyInPlan"],
  [/^Statement (.+) has nothing left to pay\.$/, "nothingLeft"],
] as const;
const OVER_REMAINING = /^The statements in this plan have \$([\d,]+\.\d\d) left to pay; pay at most that\.$/;

/**
 * The plan forms' errors in the reader's language. The server (and the live preview, which runs
 * the same rules) answers in English; each message it can give is matched here and said in the
 * reader's language; one not known here is said by `useServerWords` (the new method's name, for
 * one), or shown as it came.
 */
export function usePlanErrorText({
  totalCents = 0,
  policy,
  today,
}: { totalCents?: number; policy?: Partial<TPlanPolicy>; today?: Date } = {}) {
  const t = useTranslations("PlanErrors");
  const serverWords = useServerWords();
  const intl = INTL_LOCALES[useLocale()];
  const money = (cents: number) => formatCents(cents, "USD", intl);
  const p = resolvePlanPolicy(policy);
  const lastStartDay = today ? addDays(today, p.maxStartDaysAhead) : null;
  const known = new Map<string, string>([
    ...Object.entries(PLAN_ERROR_WORDS).map(
      ([key, english]) => [english, t(key as keyof typeof PLAN_ERROR_WORDS)] as const,
    ),
    [planMessages.nothingToSpread, t("nothingToSpread")],
    [planMessages.downPaymentTooSmall, t("downPaymentTooSmall", { amount: money(MIN_PAYMENT_CENTS) })],
    [planMessages.downPaymentTooLarge(totalCents), t("downPaymentTooLarge", { amount: money(totalCents) })],
    [
      planMessages.financedTooSmall(p.minInstallmentCents),
      t("financedTooSmall", { amount: money(p.minInstallmentCents) }),
    ],
    [
      planMessages.totalTooSmall(p.minInstallmentCents),
      t("totalTooSmall", { amount: money(p.minInstallmentCents) }),
    ],
    [
      planMessages.installmentTooSmall(p.minInstallmentCents),
      t("installmentTooSmall", { amount: money(p.minInstallmentCents) }),
    ],
    [planMessages.countInvalid, t("countInvalid")],
    [planMessages.frequencyInvalid, t("frequencyInvalid")],
    [planMessages.dayOfMonthInvalid, t("dayOfMonthInvalid")],
    [planMessages.planTooLong(p.maxLengthMonths), t("planTooLong", { months: p.maxLengthMonths })],
    [planFormMessages.downPaymentFormat, t("downPaymentFormat")],
    [planFormMessages.sizeBy, t("sizeBy")],
    [planFormMessages.installmentAmountFormat, t("installmentAmountFormat")],
    [planFormMessages.installmentAmountZero, t("installmentAmountZero")],
    [planFormMessages.startDateFormat, t("startDateFormat")],
    ...(lastStartDay
      ? [
          [
            planMessages.startDateOutOfRange(lastStartDay),
            t("startDateOutOfRange", { date: formatDay(lastStartDay, intl) }),
          ] as const,
        ]
      : []),
  ]);
  const text = (message: string) => {
    const found = known.get(message);
    if (found) return found;
    for (const [pattern, key] of PATTERNS) {
      const match = pattern.exec(message);
      if (match) return t(key, { number: match[1] ?? "" });
    }
    const over = OVER_REMAINING.exec(message);
    if (over) {
      return t("overRemaining", { amount: money(parseDollarsToCents(over[1]!.replaceAll(",", "")) ?? 0) });
    }
    return serverWords.say(message);
  };
  const fieldErrors = (errors: TFieldErrors | undefined): TFieldErrors | undefined =>
    errors
      ? Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages?.map(text)]))
      : undefined;
  /** An action's result with its message in the reader's language. */
  const result = <T extends { ok: boolean; message?: string } | null | undefined>(state: T): T =>
    state && !state.ok && state.message ? { ...state, message: text(state.message) } : state;
  return { text, fieldErrors, result };
}
