"use client";

import { useLocale, useTranslations } from "next-intl";
import { INTL_LOCALES } from "@/lib/locale";
import { formatCents } from "@/lib/money";
import type { TPayFormStatement, TStatementAmounts } from "@/components/payments/use-statement-amounts";

/** "What to pay": a box per statement, the amount for each ticked one, and the total. */
export function StatementAmounts({
  id,
  statements,
  amounts: { lines, setLine, errors, totalCents },
  isDisabled,
}: {
  /** The form's id, to name each field. */
  id: string;
  statements: TPayFormStatement[];
  amounts: TStatementAmounts;
  isDisabled: boolean;
}) {
  const t = useTranslations("PayForm");
  const intlLocale = INTL_LOCALES[useLocale()];
  return (
    <fieldset className="flex flex-col gap-3" disabled={isDisabled}>
      <legend className="mb-2 text-lg font-semibold">{t("whatToPay")}</legend>
      <div id={`${id}-statements-error`} aria-live="polite">
        {errors.statements ? <p className="text-sm text-red-700">{errors.statements}</p> : null}
      </div>
      {statements.map((s) => {
        const line = lines[s.id]!;
        const errorId = `${id}-${s.id}-error`;
        return (
          <div key={s.id} className="rounded-md border border-slate-200 p-3">
            <label className="flex min-h-11 items-start gap-3">
              <input
                type="checkbox"
                className="mt-1 h-5 w-5"
                checked={line.isSelected}
                onChange={(e) => setLine(s.id, { isSelected: e.target.checked })}
              />
              <span>
                <span className="font-medium">{t("statement", { number: s.statementNumber })}</span>
                <span className="block text-sm text-slate-700">
                  {t("balance", {
                    description: s.description,
                    amount: formatCents(s.balanceCents, s.currency, intlLocale),
                  })}
                </span>
              </span>
            </label>
            {line.isSelected ? (
              <div className="mt-2 flex flex-col gap-1 sm:ml-8">
                <label htmlFor={`${id}-${s.id}`} className="text-sm font-medium">
                  {t("amountFor", { number: s.statementNumber })}
                </label>
                <div className="flex items-center gap-1">
                  <span aria-hidden="true">$</span>
                  <input
                    id={`${id}-${s.id}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={line.amount}
                    onChange={(e) => setLine(s.id, { amount: e.target.value })}
                    aria-invalid={Boolean(errors[s.id]) || undefined}
                    aria-describedby={errorId}
                    className={`min-h-11 w-40 rounded-md border px-3 py-2 ${errors[s.id] ? "border-red-700" : "border-slate-400"}`}
                  />
                </div>
                <div id={errorId} aria-live="polite">
                  {errors[s.id] ? <p className="text-sm text-red-700">{errors[s.id]}</p> : null}
                </div>
              </div>
            ) : null}
          </div>
        );
      })}
      <p className="text-lg font-semibold">
        {t("total")}{" "}
        <span className="tabular-nums">
          {formatCents(totalCents, statements[0]?.currency ?? "USD", intlLocale)}
        </span>
      </p>
    </fieldset>
  );
}
