import { formatDay } from "@/lib/dates";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";
import { resolvePlanPolicy, type TPlanPolicy, type TPlanSchedule } from "@/lib/plans/schedule";

/**
 * The payment-plan agreement the patient reads and accepts. The text is built from the exact
 * schedule shown, and stored with the plan (`agreementText`, `agreementVersion`, time and IP).
 * Bump the version whenever the wording below changes, so a stored agreement can be traced to
 * the template that produced it; a form that submits an older version must be shown the new text.
 * Each language has its own version (the Spanish one ends in "-es"): the form sends the version of
 * the text the patient read, the server writes that text in that language, and the stored version
 * says which language was agreed.
 */
export const PLAN_AGREEMENT_VERSION = "plan-agreement-v1";

export const PLAN_AGREEMENT_VERSIONS: Record<TLocale, string> = {
  en: PLAN_AGREEMENT_VERSION,
  es: "plan-agreement-v1-es",
};

/** The language of a current agreement version, or null for an older (or unknown) one. */
export const planAgreementLocale = (version: string): TLocale | null =>
  (Object.keys(PLAN_AGREEMENT_VERSIONS) as TLocale[]).find((l) => PLAN_AGREEMENT_VERSIONS[l] === version) ??
  null;

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

type TAgreementOptions = {
  practiceName: string;
  /** How the saved method reads to the patient, e.g. "Visa ending 1111" (in the agreement's language). */
  methodLabel: string;
  /** The practice's plan policy (retries and skips are stated in the text). */
  policy?: Partial<TPlanPolicy>;
  /** The language the patient reads it in; English by default. */
  locale?: TLocale;
};

export const planAgreementText = (
  schedule: TPlanSchedule,
  { locale = DEFAULT_LOCALE, ...options }: TAgreementOptions,
): { version: string; text: string } => ({
  version: PLAN_AGREEMENT_VERSIONS[locale],
  text: (locale === "es" ? spanishText : englishText)(schedule, options).join("\n"),
});

const englishText = (
  schedule: TPlanSchedule,
  { practiceName, methodLabel, policy: overrides }: Omit<TAgreementOptions, "locale">,
): string[] => {
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

  return lines;
};

const spanishFrequency = (schedule: TPlanSchedule) => {
  switch (schedule.frequency) {
    case "WEEKLY":
      return "cada semana";
    case "BIWEEKLY":
      return "cada dos semanas";
    case "MONTHLY": {
      const day = schedule.dayOfMonth ?? schedule.startDate.getUTCDate();
      return day > 28
        ? `cada mes el día ${day} (o el último día de un mes más corto)`
        : `cada mes el día ${day}`;
    }
  }
};

const spanishDays = (days: readonly number[]) =>
  days.length <= 1 ? `${days[0] ?? 0} días` : `${days.slice(0, -1).join(", ")} y ${days.at(-1) ?? 0} días`;

/** The same agreement in Spanish (docs/glossary.md), with money and dates formatted for es-US. */
const spanishText = (
  schedule: TPlanSchedule,
  { practiceName, methodLabel, policy: overrides }: Omit<TAgreementOptions, "locale">,
): string[] => {
  const intl = INTL_LOCALES.es;
  const money = (cents: number) => formatCents(cents, "USD", intl);
  const day = (date: Date) => formatDay(date, intl);
  const policy = resolvePlanPolicy(overrides);
  const first = schedule.installments[0];
  const count = schedule.installmentCount;
  const lines: string[] = [];

  lines.push(`Acuerdo de plan de pagos con ${practiceName}`, "");
  lines.push(
    `Usted se compromete a pagar a ${practiceName} ${money(schedule.totalCents)} por los estados de cuenta de este plan, de la siguiente manera.`,
    "",
  );
  if (schedule.downPaymentCents > 0) {
    lines.push(`Pago inicial: ${money(schedule.downPaymentCents)}, que se cobra hoy.`);
  }
  lines.push(
    `Cuotas: ${count} ${count === 1 ? "pago" : "pagos"} de ${money(schedule.installmentCents)}` +
      (count > 1 && schedule.installments.at(-1)?.amountCents !== schedule.installmentCents
        ? ` (el último de ${money(schedule.installments.at(-1)?.amountCents ?? 0)})`
        : "") +
      `, ${spanishFrequency(schedule)}, del ${day(first?.dueDate ?? schedule.startDate)} al ${day(schedule.endDate)}:`,
  );
  for (const i of schedule.installments) {
    lines.push(`  ${i.sequence}. ${day(i.dueDate)}: ${money(i.amountCents)}`);
  }
  lines.push(
    `Total de las cuotas: ${money(schedule.financedCents)}.` +
      (schedule.downPaymentCents > 0 ? ` Total con el pago inicial: ${money(schedule.totalCents)}.` : ""),
    "Este plan no tiene intereses ni comisiones.",
    "",
  );

  lines.push(
    `Forma de pago: ${methodLabel}. Usted autoriza a ${practiceName} a cobrar ` +
      (schedule.downPaymentCents > 0 ? "hoy el pago inicial y " : "") +
      "cada cuota a esta forma de pago en su fecha de vencimiento. Puede cambiar la forma de pago en la página del plan en cualquier momento.",
    "",
  );

  const retries = policy.retryAfterDays;
  lines.push(
    retries.length > 0
      ? `Si se rechaza un pago, lo intentaremos de nuevo ${spanishDays(retries)} después de su fecha de vencimiento y le enviaremos un correo electrónico cada vez. ` +
          "Si el último intento también falla, el plan se marca como incumplido y deberá pagar el saldo restante."
      : "Si se rechaza un pago, le enviaremos un correo electrónico, el plan se marca como incumplido y deberá pagar el saldo restante.",
    "",
  );

  const skips =
    policy.maxSkips > 0
      ? ` Puede omitir ${policy.maxSkips === 1 ? "una cuota" : `hasta ${policy.maxSkips} cuotas`}` +
        " antes de su fecha de vencimiento; el monto omitido pasa a una nueva cuota después de la última."
      : "";
  lines.push(
    "Puede pagar un monto adicional en cualquier momento; se aplica a las últimas cuotas y acorta el plan." +
      skips,
    "Los nuevos saldos de su cuenta no se agregan a este plan.",
    "",
  );

  lines.push(
    `Puede cancelar este plan en cualquier momento, en la página del plan o comunicándose con ${practiceName}. ` +
      "La cancelación detiene los cobros futuros; no cancela el saldo que todavía debe, y los pagos ya realizados no se revierten.",
  );

  return lines;
};
