import { formatDay } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import { resolvePlanPolicy, type TPlanPolicy, type TPlanSchedule } from "@/lib/plans/schedule";

/**
 * The payment-plan agreement the patient reads and accepts. The text is built from the exact
 * schedule shown, and stored with the plan (`agreementText`, `agreementVersion`, time and IP).
 * Bump the version whenever the wording below changes, so a stored agreement can be traced to
 * the template that produced it; a form that submits an older version must be shown the new text.
 */
export const PLAN_AGREEMENT_VERSION = "plan-agreement-v1";

const ordinal = (n: number) => {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
};

const frequencyText = (schedule: TPlanSchedule) => {
  switch (schedule.frequency) {
    case "WEEKLY":
      return "every week";
    case "BIWEEKLY":
      return "every two weeks";
    case "MONTHLY": {
      const day = schedule.dayOfMonth ?? schedule.startDate.getUTCDate();
      return day > 28
        ? `every month on the ${ordinal(day)} (or the last day of a shorter month)`
        : `every month on the ${ordinal(day)}`;
    }
  }
};

const listDays = (days: readonly number[]) =>
  days.length <= 1 ? `${days[0] ?? 0} days` : `${days.slice(0, -1).join(", ")} and ${days.at(-1) ?? 0} days`;

export const planAgreementText = (
  schedule: TPlanSchedule,
  {
    practiceName,
    methodLabel,
    policy: overrides,
  }: {
    practiceName: string;
    /** How the saved method reads to the patient, e.g. "Visa ending 1111". */
    methodLabel: string;
    /** The practice's plan policy (retries and skips are stated in the text). */
    policy?: Partial<TPlanPolicy>;
  },
): { version: string; text: string } => {
  const policy = resolvePlanPolicy(overrides);
  const first = schedule.installments[0];
  const count = schedule.installmentCount;
  const lines: string[] = [];

  lines.push(`Payment plan agreement with ${practiceName}`, "");
  lines.push(
    `You agree to pay ${practiceName} ${formatCents(schedule.totalCents)} for the statements in this plan, as follows.`,
    "",
  );
  if (schedule.downPaymentCents > 0) {
    lines.push(`Down payment: ${formatCents(schedule.downPaymentCents)}, charged today.`);
  }
  lines.push(
    `Installments: ${count} ${count === 1 ? "payment" : "payments"} of ${formatCents(schedule.installmentCents)}` +
      (count > 1 && schedule.installments.at(-1)?.amountCents !== schedule.installmentCents
        ? ` (the last one ${formatCents(schedule.installments.at(-1)?.amountCents ?? 0)})`
        : "") +
      `, ${frequencyText(schedule)}, from ${formatDay(first?.dueDate ?? schedule.startDate)} to ${formatDay(schedule.endDate)}:`,
  );
  for (const i of schedule.installments) {
    lines.push(`  ${i.sequence}. ${formatDay(i.dueDate)}: ${formatCents(i.amountCents)}`);
  }
  lines.push(
    `Total of the installments: ${formatCents(schedule.financedCents)}.` +
      (schedule.downPaymentCents > 0
        ? ` Total with the down payment: ${formatCents(schedule.totalCents)}.`
        : ""),
    "This plan has no interest and no fees.",
    "",
  );

  lines.push(
    `Payment method: ${methodLabel}. You authorize ${practiceName} to charge ` +
      (schedule.downPaymentCents > 0 ? "the down payment today and " : "") +
      "each installment to this method on its due date. You can change the method on the plan page at any time.",
    "",
  );

  const retries = policy.retryAfterDays;
  lines.push(
    retries.length > 0
      ? `If a payment is declined, we will try again ${listDays(retries)} after its due date, and email you each time. ` +
          "If the last attempt also fails, the plan is marked as defaulted and the remaining balance is due."
      : "If a payment is declined, we will email you, the plan is marked as defaulted and the remaining balance is due.",
    "",
  );

  const skips =
    policy.maxSkips > 0
      ? ` You may skip ${policy.maxSkips === 1 ? "one installment" : `up to ${policy.maxSkips} installments`}` +
        " before its due date; the skipped amount moves to a new installment after the last one."
      : "";
  lines.push(
    "You may pay an extra amount at any time; it is applied to the last installments and shortens the plan." +
      skips,
    "New balances on your account are not added to this plan.",
    "",
  );

  lines.push(
    `You may cancel this plan at any time, on the plan page or by contacting ${practiceName}. ` +
      "Canceling stops future charges; it does not cancel the balance you still owe, and payments already made are not reversed.",
  );

  return { version: PLAN_AGREEMENT_VERSION, text: lines.join("\n") };
};
