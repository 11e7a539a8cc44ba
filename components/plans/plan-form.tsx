"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Money } from "@/components/ui/money";
import { formatDay, parseIsoDay } from "@/lib/dates";
import { planAgreementText, PLAN_AGREEMENT_VERSION } from "@/lib/plans/agreement";
import { planFieldErrors } from "@/lib/plans/schedule";
import { planFromForm } from "@/lib/plans/schemas";
import type { TPlanFormOptions } from "@/lib/plans/queries";
import type { ActionResult } from "@/lib/result";

type TCreateAction = (
  state: ActionResult<unknown> | null,
  input: Record<string, unknown>,
) => Promise<ActionResult<unknown>>;

const selectClass = "min-h-11 rounded-md border border-slate-400 bg-white px-3";

/**
 * The new-plan form: the schedule and the agreement are previewed live from the same pure
 * functions the server runs (the server recomputes from the balances it reads itself).
 */
export function PlanForm({ options, action }: { options: TPlanFormOptions; action: TCreateAction }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [state, dispatch, isPending] = useActionState(action, null);
  const [statementIds, setStatementIds] = useState<string[]>(
    options.accounts[0]?.statements.map((s) => s.id) ?? [],
  );
  const [downPayment, setDownPayment] = useState("");
  const [sizeBy, setSizeBy] = useState<"amount" | "count">("count");
  const [installmentAmount, setInstallmentAmount] = useState("");
  const [installmentCount, setInstallmentCount] = useState("6");
  const [frequency, setFrequency] = useState<"WEEKLY" | "BIWEEKLY" | "MONTHLY">("MONTHLY");
  const [dayOfMonth, setDayOfMonth] = useState("");
  const [startDate, setStartDate] = useState(options.today);
  const [paymentMethodId, setPaymentMethodId] = useState(options.methods[0]?.id ?? "");
  const [isAccepted, setIsAccepted] = useState(false);

  const statements = options.accounts.flatMap((a) => a.statements);
  const totalCents = statements
    .filter((s) => statementIds.includes(s.id))
    .reduce((t, s) => t + s.balanceCents, 0);
  const terms = {
    statementIds,
    downPayment,
    sizeBy,
    installmentAmount,
    installmentCount,
    frequency,
    dayOfMonth,
    startDate,
  };
  const preview = planFromForm(terms, {
    totalCents,
    today: parseIsoDay(options.today)!,
    policy: options.policy,
  });
  const method = options.methods.find((m) => m.id === paymentMethodId);
  const agreement =
    preview.ok && method
      ? planAgreementText(preview.data.schedule, {
          practiceName: options.practiceName,
          methodLabel: method.label,
          policy: options.policy,
        })
      : null;
  const previewErrors = preview.ok ? {} : planFieldErrors(preview.errors);
  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errorsFor = (field: string) => serverErrors[field] ?? previewErrors[field];

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() =>
      dispatch({ ...terms, paymentMethodId, agreementVersion: PLAN_AGREEMENT_VERSION, idempotencyKey }),
    );
  };
  const toggle = (id: string) =>
    setStatementIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">Statements</legend>
        {options.accounts.map((a) => (
          <div key={a.id} className="flex flex-col gap-1">
            <p className="text-sm text-slate-700">Account {a.accountNumber}</p>
            {a.statements.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={statementIds.includes(s.id)}
                  onChange={() => toggle(s.id)}
                />
                {s.statementNumber} ({formatDay(s.statementDate)}) — <Money cents={s.balanceCents} />
              </label>
            ))}
          </div>
        ))}
        <p>
          Total to spread: <Money cents={totalCents} className="font-bold" />
        </p>
        <ErrorText errors={errorsFor("statementIds")} />
      </fieldset>

      <TextField
        label="Down payment today (optional)"
        name="downPayment"
        inputMode="decimal"
        value={downPayment}
        onChange={(e) => setDownPayment(e.target.value)}
        errors={errorsFor("downPayment")}
      />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Size the installments by</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="sizeBy"
            className="h-5 w-5"
            checked={sizeBy === "count"}
            onChange={() => setSizeBy("count")}
          />
          Number of payments
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="sizeBy"
            className="h-5 w-5"
            checked={sizeBy === "amount"}
            onChange={() => setSizeBy("amount")}
          />
          Installment amount
        </label>
      </fieldset>
      {sizeBy === "count" ? (
        <TextField
          label="Number of payments"
          name="installmentCount"
          inputMode="numeric"
          value={installmentCount}
          onChange={(e) => setInstallmentCount(e.target.value)}
          errors={errorsFor("installmentCount")}
        />
      ) : (
        <TextField
          label="Installment amount"
          name="installmentAmount"
          inputMode="decimal"
          value={installmentAmount}
          onChange={(e) => setInstallmentAmount(e.target.value)}
          errors={errorsFor("installmentAmount")}
        />
      )}

      <div className="flex flex-col gap-1">
        <label htmlFor="plan-frequency" className="font-medium">
          How often
        </label>
        <select
          id="plan-frequency"
          className={selectClass}
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as typeof frequency)}
        >
          <option value="MONTHLY">Monthly</option>
          <option value="BIWEEKLY">Every two weeks</option>
          <option value="WEEKLY">Weekly</option>
        </select>
      </div>
      {frequency === "MONTHLY" ? (
        <TextField
          label="Day of the month (optional)"
          name="dayOfMonth"
          inputMode="numeric"
          value={dayOfMonth}
          hint="1-31; 29-31 fall on a shorter month's last day. Empty: the start date's day."
          onChange={(e) => setDayOfMonth(e.target.value)}
          errors={errorsFor("dayOfMonth")}
        />
      ) : null}
      <TextField
        label="Start date"
        name="startDate"
        type="date"
        value={startDate}
        onChange={(e) => setStartDate(e.target.value)}
        errors={errorsFor("startDate")}
      />

      <div className="flex flex-col gap-1">
        <label htmlFor="plan-method" className="font-medium">
          Pay with
        </label>
        {options.methods.length === 0 ? (
          <p>
            You have no saved payment method.{" "}
            <Link href="/wallet" className="text-brand-700 underline">
              Add one in your wallet
            </Link>
            .
          </p>
        ) : (
          <select
            id="plan-method"
            className={selectClass}
            value={paymentMethodId}
            onChange={(e) => setPaymentMethodId(e.target.value)}
          >
            {options.methods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
        <p className="text-sm">
          <Link href="/wallet" className="text-brand-700 underline">
            Add a card or bank account
          </Link>
        </p>
        <ErrorText errors={serverErrors.paymentMethodId} />
      </div>

      <section aria-labelledby="plan-preview-title" className="flex flex-col gap-2">
        <h2 id="plan-preview-title" className="text-lg font-semibold">
          Your schedule
        </h2>
        {preview.ok ? (
          <table className="w-full text-left" data-testid="plan-preview">
            <caption className="sr-only">Installments</caption>
            <thead>
              <tr className="border-b border-slate-300 text-sm text-slate-700">
                <th scope="col" className="py-1 pr-3">
                  #
                </th>
                <th scope="col" className="py-1 pr-3">
                  Due
                </th>
                <th scope="col" className="py-1 text-right">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.data.schedule.downPaymentCents > 0 ? (
                <tr className="border-b border-slate-100">
                  <td className="py-1 pr-3">—</td>
                  <td className="py-1 pr-3">Today (down payment)</td>
                  <td className="py-1 text-right">
                    <Money cents={preview.data.schedule.downPaymentCents} />
                  </td>
                </tr>
              ) : null}
              {preview.data.schedule.installments.map((i) => (
                <tr key={i.sequence} className="border-b border-slate-100">
                  <td className="py-1 pr-3">{i.sequence}</td>
                  <td className="py-1 pr-3">{formatDay(i.dueDate)}</td>
                  <td className="py-1 text-right">
                    <Money cents={i.amountCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Complete the fields above to see the schedule.</p>
        )}
      </section>

      {agreement ? (
        <section aria-labelledby="plan-agreement-title" className="flex flex-col gap-2">
          <h2 id="plan-agreement-title" className="text-lg font-semibold">
            Agreement
          </h2>
          <pre
            tabIndex={0}
            className="max-h-72 overflow-auto rounded-md border border-slate-300 bg-slate-50 p-3 text-sm whitespace-pre-wrap"
            data-testid="plan-agreement"
          >
            {agreement.text}
          </pre>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={isAccepted}
              onChange={(e) => setIsAccepted(e.target.checked)}
            />
            I have read and accept this payment plan agreement
          </label>
        </section>
      ) : null}

      <FormMessage state={state} />
      <div>
        {agreement && isAccepted ? (
          <SubmitButton isPending={isPending} pendingText="Setting up…">
            Agree and set up the plan
          </SubmitButton>
        ) : (
          <p className="text-sm text-slate-700">Accept the agreement to set up the plan.</p>
        )}
      </div>
    </form>
  );
}

function ErrorText({ errors }: { errors?: string[] | undefined }) {
  return (
    <div aria-live="polite">{errors?.[0] ? <p className="text-sm text-red-700">{errors[0]}</p> : null}</div>
  );
}
