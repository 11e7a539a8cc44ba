"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
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

type TTerms = {
  statementIds: string[];
  downPayment: string;
  sizeBy: "amount" | "count";
  installmentAmount: string;
  installmentCount: string;
  frequency: "WEEKLY" | "BIWEEKLY" | "MONTHLY";
  dayOfMonth: string;
  startDate: string;
  paymentMethodId: string;
  isAccepted: boolean;
};

const TEXT_FIELDS = [
  "downPayment",
  "installmentAmount",
  "installmentCount",
  "dayOfMonth",
  "startDate",
] as const;

/**
 * The terms as the form's inputs hold them. A field not shown now (the installment amount while
 * sizing by count, the day of the month unless monthly) keeps what it last held.
 */
const readTerms = (form: HTMLFormElement, previous: TTerms): TTerms => {
  const data = new FormData(form);
  const text = (name: string, fallback: string) =>
    form.elements.namedItem(name) ? String(data.get(name) ?? "") : fallback;
  const next: TTerms = {
    ...previous,
    statementIds: data.getAll("statementIds").map(String),
    sizeBy: data.get("sizeBy") === "amount" ? "amount" : "count",
    frequency: (data.get("frequency") as TTerms["frequency"] | null) ?? previous.frequency,
    paymentMethodId: text("paymentMethodId", previous.paymentMethodId),
    isAccepted: form.elements.namedItem("accept") ? data.get("accept") === "yes" : previous.isAccepted,
  };
  for (const name of TEXT_FIELDS) next[name] = text(name, previous[name]);
  return next;
};

/**
 * The new-plan form: the schedule and the agreement are previewed live from the same pure
 * functions the server runs (the server recomputes from the balances it reads itself).
 * Its inputs are uncontrolled (`useFormSnapshot`), so a box unticked before the page hydrates
 * stays unticked; the terms are read back from them, and again on submit.
 */
export function PlanForm({ options, action }: { options: TPlanFormOptions; action: TCreateAction }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [state, dispatch, isPending] = useActionState(action, null);
  const { snapshot: terms, formProps } = useFormSnapshot<TTerms>(
    () => ({
      statementIds: options.accounts[0]?.statements.map((s) => s.id) ?? [],
      downPayment: "",
      sizeBy: "count",
      installmentAmount: "",
      installmentCount: "6",
      frequency: "MONTHLY",
      dayOfMonth: "",
      startDate: options.today,
      paymentMethodId: options.methods[0]?.id ?? "",
      isAccepted: false,
    }),
    readTerms,
  );
  const { statementIds, sizeBy, frequency, paymentMethodId, isAccepted } = terms;

  const statements = options.accounts.flatMap((a) => a.statements);
  const totalCents = statements
    .filter((s) => statementIds.includes(s.id))
    .reduce((t, s) => t + s.balanceCents, 0);
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
    const { isAccepted: _isAccepted, ...submitted } = readTerms(event.currentTarget, terms);
    startTransition(() =>
      dispatch({ ...submitted, agreementVersion: PLAN_AGREEMENT_VERSION, idempotencyKey }),
    );
  };

  return (
    <form {...formProps} onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">Statements</legend>
        {options.accounts.map((a) => (
          <div key={a.id} className="flex flex-col gap-1">
            <p className="text-sm text-slate-700">Account {a.accountNumber}</p>
            {a.statements.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="statementIds"
                  value={s.id}
                  className="h-5 w-5"
                  defaultChecked={statementIds.includes(s.id)}
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
        defaultValue={terms.downPayment}
        errors={errorsFor("downPayment")}
      />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">Size the installments by</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="sizeBy"
            className="h-5 w-5"
            value="count"
            defaultChecked={sizeBy === "count"}
          />
          Number of payments
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="sizeBy"
            className="h-5 w-5"
            value="amount"
            defaultChecked={sizeBy === "amount"}
          />
          Installment amount
        </label>
      </fieldset>
      {sizeBy === "count" ? (
        <TextField
          label="Number of payments"
          name="installmentCount"
          inputMode="numeric"
          defaultValue={terms.installmentCount}
          errors={errorsFor("installmentCount")}
        />
      ) : (
        <TextField
          label="Installment amount"
          name="installmentAmount"
          inputMode="decimal"
          defaultValue={terms.installmentAmount}
          errors={errorsFor("installmentAmount")}
        />
      )}

      <div className="flex flex-col gap-1">
        <label htmlFor="plan-frequency" className="font-medium">
          How often
        </label>
        <select id="plan-frequency" name="frequency" className={selectClass} defaultValue={frequency}>
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
          defaultValue={terms.dayOfMonth}
          hint="1-31; 29-31 fall on a shorter month's last day. Empty: the start date's day."
          errors={errorsFor("dayOfMonth")}
        />
      ) : null}
      <TextField
        label="Start date"
        name="startDate"
        type="date"
        defaultValue={terms.startDate}
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
            name="paymentMethodId"
            className={selectClass}
            defaultValue={paymentMethodId}
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
              name="accept"
              value="yes"
              className="h-5 w-5"
              defaultChecked={isAccepted}
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
