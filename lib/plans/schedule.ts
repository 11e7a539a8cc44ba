import type { InstallmentStatus, PlanFrequency } from "@/lib/generated/prisma/enums";
import { addDays, formatDay } from "@/lib/dates";
import { formatCents, MIN_PAYMENT_CENTS, splitCents, type Cents } from "@/lib/money";

/**
 * Payment-plan schedules and policy: pure functions on integer cents and calendar days (no I/O),
 * shared by the plan use cases, the plan form's live preview and their unit tests.
 *
 * Calendar days are UTC-midnight `Date`s (see lib/dates.ts), so every step below is day
 * arithmetic in UTC: a schedule never moves across a daylight-saving change, whatever the
 * practice's or the server's zone. "Today" is the caller's: `todayInZone(practice.timeZone)`.
 */

// ─────────────────────────────── policy ───────────────────────────────

export const PLAN_FREQUENCIES = ["WEEKLY", "BIWEEKLY", "MONTHLY"] as const satisfies readonly PlanFrequency[];

export type TPlanPolicy = {
  /** The smallest regular installment (the last one may be smaller in amount mode). */
  minInstallmentCents: number;
  /**
   * Maximum plan length in calendar months, measured from the start date to the last
   * installment's due date: the last due date must be before the start date plus this many
   * months (same day of month, or that month's last day when it is shorter; exclusive).
   * With the default 24 and a monthly plan due on the start date's day, that allows 24
   * installments (the 24th falls 23 months after the first); weekly from 2026-03-01, the last
   * may fall on 2028-02-27 (105 installments).
   */
  maxLengthMonths: number;
  /** How far ahead of today the start date may be, in days (inclusive). */
  maxStartDaysAhead: number;
  /** Skips allowed over the life of a plan. */
  maxSkips: number;
  /** A declined installment is retried this many days after its due date (then the plan defaults). */
  retryAfterDays: readonly number[];
};

export const DEFAULT_PLAN_POLICY: TPlanPolicy = {
  minInstallmentCents: 2500, // $25.00
  maxLengthMonths: 24,
  maxStartDaysAhead: 30,
  maxSkips: 1,
  retryAfterDays: [3, 7],
};

/** The practice's settings over the defaults (a missing or undefined setting keeps its default). */
export const resolvePlanPolicy = (overrides: Partial<TPlanPolicy> = {}): TPlanPolicy => ({
  minInstallmentCents: overrides.minInstallmentCents ?? DEFAULT_PLAN_POLICY.minInstallmentCents,
  maxLengthMonths: overrides.maxLengthMonths ?? DEFAULT_PLAN_POLICY.maxLengthMonths,
  maxStartDaysAhead: overrides.maxStartDaysAhead ?? DEFAULT_PLAN_POLICY.maxStartDaysAhead,
  maxSkips: overrides.maxSkips ?? DEFAULT_PLAN_POLICY.maxSkips,
  retryAfterDays: overrides.retryAfterDays ?? DEFAULT_PLAN_POLICY.retryAfterDays,
});

// ─────────────────────────────── calendar days ───────────────────────────────

const utcDay = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day));

/** Days in a month (`monthIndex` 0-11, may overflow into other years). */
export const daysInMonth = (year: number, monthIndex: number) => utcDay(year, monthIndex + 1, 0).getUTCDate();

/**
 * The chosen day of month (1-31) in the month `months` after `day`'s month; 29-31 fall back to
 * that month's last day (Jan 31 → Feb 28, or 29 in a leap year → Mar 31).
 */
export const monthDay = (day: Date, months: number, dayOfMonth: number) => {
  const year = day.getUTCFullYear();
  const monthIndex = day.getUTCMonth() + months;
  return utcDay(year, monthIndex, Math.min(dayOfMonth, daysInMonth(year, monthIndex)));
};

/** `day` plus n calendar months, on the same day of month or the target month's last day. */
export const addMonthsClamped = (day: Date, months: number) => monthDay(day, months, day.getUTCDate());

// ─────────────────────────────── schedule ───────────────────────────────

export type TPlanField =
  /** Not tied to one input (shown at the top of the form). */
  | "form"
  | "statementIds"
  | "sizeBy"
  | "paymentMethodId"
  | "newMethodToken"
  | "holderName"
  | "downPayment"
  | "installmentAmount"
  | "installmentCount"
  | "frequency"
  | "dayOfMonth"
  | "startDate"
  | "extraAmount"
  | "sequence";

export type TPlanErrorCode =
  /** The form's text could not be read (schemas.ts). */
  | "INVALID_INPUT"
  | "NOTHING_TO_SPREAD"
  | "DOWN_PAYMENT_TOO_SMALL"
  | "DOWN_PAYMENT_TOO_LARGE"
  | "FINANCED_TOO_SMALL"
  | "INSTALLMENT_TOO_SMALL"
  | "COUNT_INVALID"
  | "FREQUENCY_INVALID"
  | "DAY_OF_MONTH_INVALID"
  | "START_DATE_OUT_OF_RANGE"
  | "PLAN_TOO_LONG"
  | "EXTRA_TOO_SMALL"
  | "EXTRA_TOO_LARGE"
  | "NOTHING_OUTSTANDING"
  | "SKIP_NOT_ALLOWED"
  | "SKIP_LIMIT_REACHED"
  | "INSTALLMENT_NOT_SKIPPABLE";

/** A problem the patient can act on: which field, and a message naming the limit. */
export type TPlanError = { field: TPlanField; code: TPlanErrorCode; message: string };

export type TPlanResult<T> = { ok: true; data: T } | { ok: false; errors: TPlanError[] };

/** Errors grouped by field, the shape `ActionResult.fieldErrors` and the form's aria-live regions use. */
export const planFieldErrors = (errors: readonly TPlanError[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.field] ??= []).push(e.message);
  return out;
};

/** Messages used by both the form schema and the schedule, so they read the same everywhere. */
export const planMessages = {
  nothingToSpread: "Choose at least one statement with a balance to put on a plan.",
  downPaymentTooSmall: `A down payment must be at least ${formatCents(MIN_PAYMENT_CENTS)}.`,
  downPaymentTooLarge: (totalCents: number) =>
    `The down payment must be less than the total of ${formatCents(totalCents)}.`,
  financedTooSmall: (minCents: number) =>
    `After the down payment, at least ${formatCents(minCents)} must be left for the installments.`,
  totalTooSmall: (minCents: number) => `A plan needs a balance of at least ${formatCents(minCents)}.`,
  installmentTooSmall: (minCents: number) => `Each installment must be at least ${formatCents(minCents)}.`,
  countInvalid: "Enter a whole number of payments, 1 or more.",
  frequencyInvalid: "Choose weekly, every two weeks or monthly.",
  dayOfMonthInvalid: "Choose a day of the month from 1 to 31.",
  startDateOutOfRange: (lastDay: Date) => `The start date must be between today and ${formatDay(lastDay)}.`,
  planTooLong: (months: number) =>
    `The plan can't be longer than ${months} months: choose a larger installment or fewer payments.`,
} as const;

export type TPlanSizing =
  { by: "amount"; installmentCents: number } | { by: "count"; installmentCount: number };

export type TPlanRequest = {
  /** The sum of the chosen statements' balances, in cents. */
  totalCents: number;
  /** Charged today, when the plan is created; 0 or undefined for none. */
  downPaymentCents?: number;
  sizing: TPlanSizing;
  frequency: PlanFrequency;
  /** MONTHLY only: 1-31 (29-31 fall back to a shorter month's last day); defaults to the start date's day. */
  dayOfMonth?: number | null;
  /** A calendar day (UTC midnight). */
  startDate: Date;
  /** Today in the practice's zone, as a calendar day (`todayInZone(practice.timeZone, now)`). */
  today: Date;
  policy?: Partial<TPlanPolicy>;
};

export type TInstallmentLine = { sequence: number; dueDate: Date; amountCents: Cents };

export type TPlanSchedule = {
  /** Down payment + installments: the balance the plan covers. */
  totalCents: Cents;
  /** Charged today, when the patient agrees; 0 when none. */
  downPaymentCents: Cents;
  /** What the installments cover: total − down payment. */
  financedCents: Cents;
  /** The regular installment (the first one); the last may differ. */
  installmentCents: Cents;
  installmentCount: number;
  frequency: PlanFrequency;
  /** MONTHLY: the chosen day (1-31); null otherwise. */
  dayOfMonth: number | null;
  startDate: Date;
  /** The last installment's due date. */
  endDate: Date;
  installments: TInstallmentLine[];
};

/**
 * The first installment's due date: the start date, or for MONTHLY the first chosen day of
 * month (clamped) on or after the start date.
 */
export const firstDueDate = (frequency: PlanFrequency, startDate: Date, dayOfMonth: number | null) => {
  if (frequency !== "MONTHLY" || dayOfMonth === null) return startDate;
  const inStartMonth = monthDay(startDate, 0, dayOfMonth);
  return inStartMonth.getTime() >= startDate.getTime() ? inStartMonth : monthDay(startDate, 1, dayOfMonth);
};

/** The due date `steps` periods after `first` (WEEKLY +7 days, BIWEEKLY +14, MONTHLY the chosen day). */
export const stepDueDate = (
  frequency: PlanFrequency,
  first: Date,
  steps: number,
  dayOfMonth: number | null,
) => {
  switch (frequency) {
    case "WEEKLY":
      return addDays(first, 7 * steps);
    case "BIWEEKLY":
      return addDays(first, 14 * steps);
    case "MONTHLY":
      return monthDay(first, steps, dayOfMonth ?? first.getUTCDate());
  }
};

/** The first day the plan's last installment may no longer fall on (exclusive); see `TPlanPolicy.maxLengthMonths`. */
export const planLengthLimit = (startDate: Date, policy: TPlanPolicy) =>
  addMonthsClamped(startDate, policy.maxLengthMonths);

/** The most installments that fit in the maximum length (0 when even the first does not). */
export const maxInstallmentCount = ({
  frequency,
  startDate,
  dayOfMonth = null,
  policy: overrides,
}: {
  frequency: PlanFrequency;
  startDate: Date;
  dayOfMonth?: number | null;
  policy?: Partial<TPlanPolicy>;
}) => {
  const limit = planLengthLimit(startDate, resolvePlanPolicy(overrides)).getTime();
  const dom = frequency === "MONTHLY" ? (dayOfMonth ?? startDate.getUTCDate()) : null;
  const first = firstDueDate(frequency, startDate, dom);
  let count = 0;
  while (stepDueDate(frequency, first, count, dom).getTime() < limit) count += 1;
  return count;
};

const isWholeCents = (n: number) => Number.isSafeInteger(n);

/**
 * The full schedule for a new plan, or every problem with the request. With an installment
 * amount, the count is ceil(financed / amount) and the last installment is what is left (never
 * more than the others, never zero); with a count, the financed amount is split as evenly as
 * possible and the remainder goes on the last. The sum of the installments is always exactly
 * total − down payment.
 */
export const buildPlanSchedule = (request: TPlanRequest): TPlanResult<TPlanSchedule> => {
  const policy = resolvePlanPolicy(request.policy);
  const { totalCents, frequency, startDate, today, sizing } = request;
  const downPaymentCents = request.downPaymentCents ?? 0;
  const errors: TPlanError[] = [];
  const add = (field: TPlanField, code: TPlanErrorCode, message: string) =>
    errors.push({ field, code, message });

  // The balance and the down payment.
  if (!isWholeCents(totalCents) || totalCents <= 0) {
    return {
      ok: false,
      errors: [{ field: "statementIds", code: "NOTHING_TO_SPREAD", message: planMessages.nothingToSpread }],
    };
  }
  let financed = totalCents;
  if (
    !isWholeCents(downPaymentCents) ||
    downPaymentCents < 0 ||
    (downPaymentCents > 0 && downPaymentCents < MIN_PAYMENT_CENTS)
  ) {
    add("downPayment", "DOWN_PAYMENT_TOO_SMALL", planMessages.downPaymentTooSmall);
  } else if (downPaymentCents >= totalCents) {
    add("downPayment", "DOWN_PAYMENT_TOO_LARGE", planMessages.downPaymentTooLarge(totalCents));
  } else {
    financed = totalCents - downPaymentCents;
    if (financed < policy.minInstallmentCents) {
      if (downPaymentCents > 0) {
        add("downPayment", "FINANCED_TOO_SMALL", planMessages.financedTooSmall(policy.minInstallmentCents));
      } else {
        add("statementIds", "NOTHING_TO_SPREAD", planMessages.totalTooSmall(policy.minInstallmentCents));
      }
    }
  }

  // Frequency, day of month and start date.
  const isFrequencyValid = (PLAN_FREQUENCIES as readonly string[]).includes(frequency);
  if (!isFrequencyValid) add("frequency", "FREQUENCY_INVALID", planMessages.frequencyInvalid);
  let dayOfMonth: number | null = null;
  if (frequency === "MONTHLY") {
    dayOfMonth = request.dayOfMonth ?? startDate.getUTCDate();
    if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) {
      add("dayOfMonth", "DAY_OF_MONTH_INVALID", planMessages.dayOfMonthInvalid);
    }
  }
  const lastStartDay = addDays(today, policy.maxStartDaysAhead);
  if (startDate.getTime() < today.getTime() || startDate.getTime() > lastStartDay.getTime()) {
    add("startDate", "START_DATE_OUT_OF_RANGE", planMessages.startDateOutOfRange(lastStartDay));
  }

  // Amount and count.
  const sizeField: TPlanField = sizing.by === "amount" ? "installmentAmount" : "installmentCount";
  let count = 0;
  let regular = 0;
  if (sizing.by === "amount") {
    if (!isWholeCents(sizing.installmentCents) || sizing.installmentCents < policy.minInstallmentCents) {
      add(
        "installmentAmount",
        "INSTALLMENT_TOO_SMALL",
        planMessages.installmentTooSmall(policy.minInstallmentCents),
      );
    } else {
      regular = Math.min(sizing.installmentCents, financed);
      count = Math.ceil(financed / regular);
    }
  } else if (!Number.isSafeInteger(sizing.installmentCount) || sizing.installmentCount < 1) {
    add("installmentCount", "COUNT_INVALID", planMessages.countInvalid);
  } else {
    count = sizing.installmentCount;
    regular = Math.floor(financed / count);
    // Skip this when the financed amount itself is below the minimum: that has its own message.
    if (regular < policy.minInstallmentCents && financed >= policy.minInstallmentCents) {
      add(
        "installmentCount",
        "INSTALLMENT_TOO_SMALL",
        planMessages.installmentTooSmall(policy.minInstallmentCents),
      );
    }
  }

  if (errors.length > 0) return { ok: false, errors };

  // Length: O(1) on the last due date, before building any list (a count may be huge).
  const first = firstDueDate(frequency, startDate, dayOfMonth);
  const endDate = stepDueDate(frequency, first, count - 1, dayOfMonth);
  // `!(… < …)`: a count so large that the date is out of range (NaN) is too long as well.
  if (!(endDate.getTime() < planLengthLimit(startDate, policy).getTime())) {
    return {
      ok: false,
      errors: [
        {
          field: sizeField,
          code: "PLAN_TOO_LONG",
          message: planMessages.planTooLong(policy.maxLengthMonths),
        },
      ],
    };
  }

  const amounts =
    sizing.by === "amount"
      ? Array.from({ length: count }, (_, i) => (i < count - 1 ? regular : financed - regular * (count - 1)))
      : splitCents(financed as Cents, count);
  const installments = amounts.map((amountCents, i) => ({
    sequence: i + 1,
    dueDate: stepDueDate(frequency, first, i, dayOfMonth),
    amountCents: amountCents as Cents,
  }));

  return {
    ok: true,
    data: {
      totalCents: totalCents as Cents,
      downPaymentCents: downPaymentCents as Cents,
      financedCents: financed as Cents,
      installmentCents: (installments[0]?.amountCents ?? 0) as Cents,
      installmentCount: count,
      frequency,
      dayOfMonth,
      startDate,
      endDate,
      installments,
    },
  };
};

// ─────────────────────────────── changes to a running plan ───────────────────────────────

/** An installment as stored (the Installment row's fields these rules need). */
export type TPlanInstallment = {
  sequence: number;
  dueDate: Date;
  amountCents: number;
  status: InstallmentStatus;
};

/** Still owed: scheduled, or declined and waiting for a retry. */
const OUTSTANDING: readonly InstallmentStatus[] = ["SCHEDULED", "FAILED"];
export const isOutstanding = (i: TPlanInstallment) => OUTSTANDING.includes(i.status);

export type TPlanChange = {
  /** Every installment after the change, by sequence (removed ones CANCELLED, skipped ones SKIPPED). */
  installments: TPlanInstallment[];
  /** Outstanding installments after the change, by due date. */
  outstanding: TPlanInstallment[];
  /** What is still owed on the plan. */
  remainingCents: Cents;
  /** The last outstanding due date; null once nothing is owed. */
  endDate: Date | null;
};

const bySequence = (a: TPlanInstallment, b: TPlanInstallment) => a.sequence - b.sequence;
const byDueDate = (a: TPlanInstallment, b: TPlanInstallment) =>
  a.dueDate.getTime() - b.dueDate.getTime() || a.sequence - b.sequence;

const summarize = (installments: TPlanInstallment[]): TPlanChange => {
  const sorted = [...installments].sort(bySequence);
  const outstanding = sorted.filter(isOutstanding).sort(byDueDate);
  return {
    installments: sorted,
    outstanding,
    remainingCents: outstanding.reduce((s, i) => s + i.amountCents, 0) as Cents,
    endDate: outstanding.at(-1)?.dueDate ?? null,
  };
};

/**
 * An extra payment now (≥ $1.00, at most what is still owed), applied from the end of the plan:
 * the last outstanding installments are cancelled, and the one where the extra runs out is
 * reduced and becomes the new last. Every installment that stays keeps its amount and date.
 * Paying everything that is owed cancels every outstanding installment.
 */
export const applyExtraPayment = ({
  installments,
  extraCents,
}: {
  installments: readonly TPlanInstallment[];
  extraCents: number;
}): TPlanResult<
  TPlanChange & { cancelledSequences: number[]; reduced: { sequence: number; amountCents: Cents } | null }
> => {
  const outstanding = installments.filter(isOutstanding).sort(byDueDate);
  const owed = outstanding.reduce((s, i) => s + i.amountCents, 0);
  if (owed <= 0) {
    return {
      ok: false,
      errors: [
        {
          field: "extraAmount",
          code: "NOTHING_OUTSTANDING",
          message: "Nothing is left to pay on this plan.",
        },
      ],
    };
  }
  if (!isWholeCents(extraCents) || extraCents < MIN_PAYMENT_CENTS) {
    return {
      ok: false,
      errors: [
        {
          field: "extraAmount",
          code: "EXTRA_TOO_SMALL",
          message: `The smallest payment is ${formatCents(MIN_PAYMENT_CENTS)}.`,
        },
      ],
    };
  }
  if (extraCents > owed) {
    return {
      ok: false,
      errors: [
        {
          field: "extraAmount",
          code: "EXTRA_TOO_LARGE",
          message: `The extra payment can't be more than the remaining balance of ${formatCents(owed)}.`,
        },
      ],
    };
  }

  const changed = new Map<number, TPlanInstallment>();
  const cancelledSequences: number[] = [];
  let reduced: { sequence: number; amountCents: Cents } | null = null;
  let left = extraCents;
  for (const installment of [...outstanding].reverse()) {
    if (left <= 0) break;
    if (installment.amountCents <= left) {
      changed.set(installment.sequence, { ...installment, status: "CANCELLED" });
      cancelledSequences.push(installment.sequence);
      left -= installment.amountCents;
    } else {
      const amountCents = (installment.amountCents - left) as Cents;
      changed.set(installment.sequence, { ...installment, amountCents });
      reduced = { sequence: installment.sequence, amountCents };
      left = 0;
    }
  }
  const after = installments.map((i) => changed.get(i.sequence) ?? { ...i });
  return {
    ok: true,
    data: { ...summarize(after), cancelledSequences: cancelledSequences.sort((a, b) => a - b), reduced },
  };
};

/**
 * Skipping one installment, where the policy allows (at most `maxSkips` per plan, default 1; only
 * a SCHEDULED installment due after today, so a charge already under way is never skipped). The
 * skipped installment's amount moves to a new installment at the end, due on the next date in
 * the plan's sequence after its current last due date, with the next sequence number. That new
 * installment may fall beyond the plan's maximum length: a skip deliberately lengthens the plan
 * by one period, and the length check applies only when a plan is created.
 */
export const skipInstallment = ({
  installments,
  sequence,
  frequency,
  dayOfMonth = null,
  today,
  policy: overrides,
}: {
  installments: readonly TPlanInstallment[];
  sequence: number;
  frequency: PlanFrequency;
  /** The plan's chosen day for MONTHLY (the stored `dayOfMonth`). */
  dayOfMonth?: number | null;
  /** Today in the practice's zone, as a calendar day. */
  today: Date;
  policy?: Partial<TPlanPolicy>;
}): TPlanResult<TPlanChange & { skipped: TPlanInstallment; added: TPlanInstallment }> => {
  const policy = resolvePlanPolicy(overrides);
  const fail = (code: TPlanErrorCode, message: string): TPlanResult<never> => ({
    ok: false,
    errors: [{ field: "sequence", code, message }],
  });
  if (policy.maxSkips <= 0)
    return fail("SKIP_NOT_ALLOWED", "This plan doesn't allow skipping an installment.");
  const skipsUsed = installments.filter((i) => i.status === "SKIPPED").length;
  if (skipsUsed >= policy.maxSkips) {
    return fail(
      "SKIP_LIMIT_REACHED",
      policy.maxSkips === 1
        ? "You can skip only one installment per plan, and it has been used."
        : `You can skip at most ${policy.maxSkips} installments per plan, and they have been used.`,
    );
  }
  const target = installments.find((i) => i.sequence === sequence);
  if (!target || target.status !== "SCHEDULED" || target.dueDate.getTime() <= today.getTime()) {
    return fail(
      "INSTALLMENT_NOT_SKIPPABLE",
      "Only an upcoming installment can be skipped, before its due date.",
    );
  }

  const live = installments.filter((i) => i.status !== "CANCELLED");
  const lastDue = live.reduce(
    (max, i) => (i.dueDate.getTime() > max.getTime() ? i.dueDate : max),
    target.dueDate,
  );
  const added: TPlanInstallment = {
    sequence: Math.max(...installments.map((i) => i.sequence)) + 1,
    dueDate: stepDueDate(
      frequency,
      lastDue,
      1,
      frequency === "MONTHLY" ? (dayOfMonth ?? lastDue.getUTCDate()) : null,
    ),
    amountCents: target.amountCents,
    status: "SCHEDULED",
  };
  const skipped: TPlanInstallment = { ...target, status: "SKIPPED" };
  const after = [...installments.map((i) => (i.sequence === sequence ? skipped : { ...i })), added];
  return { ok: true, data: { ...summarize(after), skipped, added } };
};
