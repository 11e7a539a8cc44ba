"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Radio, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { InstallmentCells } from "@/components/plans/installment-cells";
import {
  NewMethodFields,
  type THostedFieldsConfig,
  useNewMethodToken,
} from "@/components/saved-methods/new-method-fields";
import { formatDay, parseIsoDay } from "@/lib/dates";
import { usePlanErrorText } from "@/components/plans/use-plan-error-text";
import { INTL_LOCALES, LOCALE_NAMES, LOCALES, isLocale, type TLocale } from "@/lib/locale";
import { formatCents } from "@/lib/money";
import { planAgreementText } from "@/lib/plans/agreement";
import { planFieldErrors } from "@/lib/plans/schedule";
import { planFromForm } from "@/lib/plans/schemas";
import type { TPlanFormOptions } from "@/lib/plans/queries";
import type { ActionResult } from "@/lib/result";
import { NEW_METHOD_CHOICE } from "@/lib/saved-methods/schemas";

type TCreateAction = (
  state: ActionResult<unknown> | null,
  input: Record<string, unknown>,
) => Promise<ActionResult<unknown>>;

const FREQUENCIES = ["MONTHLY", "BIWEEKLY", "WEEKLY"] as const;

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
 * stays unticked; the terms are read back from them, and again on submit. With `staff`, billing
 * staff set the plan up for the patient of that account: they also record how the patient agreed
 * (in person, by phone), and the methods are those the patient allows staff to charge.
 *
 * With `hostedFields`, the patient may pay with a new card or bank account typed right here, in
 * the gateway's hosted fields (the only way when they have no saved method): the form sends its
 * token, and the server saves it in the wallet with the plan once the gateway has verified it.
 * A decline keeps everything typed in the form.
 *
 * Its words, the agreement's included, are in the reader's language (English for staff: see
 * PlanForm, which gives it its messages); the agreement's version says which language it is in.
 */
export function PlanFormFields({
  options,
  action,
  staff,
  hostedFields,
}: {
  options: TPlanFormOptions;
  action: TCreateAction;
  staff?: { accountId: string };
  hostedFields?: THostedFieldsConfig;
}) {
  const t = useTranslations("PlanForm");
  const words = useTranslations("PlanWords");
  const locale = useLocale();
  const intlLocale = INTL_LOCALES[locale];
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [state, dispatch, isPending] = useActionState(action, null);
  const {
    ref: newMethodFields,
    isTokenizing,
    error: localError,
    setError: setLocalError,
    tokenFrom,
  } = useNewMethodToken();
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
  const canUseNewMethod = Boolean(hostedFields) && !staff;
  const isNewMethod =
    canUseNewMethod && (options.methods.length === 0 || paymentMethodId === NEW_METHOD_CHOICE);
  const method = options.methods.find((m) => m.id === paymentMethodId);
  // Staff read the agreement to the patient in the patient's language, which they choose; a
  // patient reads it in their own.
  const [staffAgreementLocale, setStaffAgreementLocale] = useState<TLocale>("en");
  const agreementLocale = staff ? staffAgreementLocale : locale;
  const methodLabel = isNewMethod
    ? t("newMethodLabel")
    : staff
      ? method?.agreementLabels?.[agreementLocale]
      : method?.label;
  const agreement =
    preview.ok && methodLabel
      ? planAgreementText(preview.data.schedule, {
          practiceName: options.practiceName,
          methodLabel,
          policy: options.policy,
          locale: agreementLocale,
        })
      : null;
  const errorText = usePlanErrorText({
    totalCents,
    policy: options.policy,
    today: parseIsoDay(options.today) ?? undefined,
  });
  const previewErrors = preview.ok ? {} : (errorText.fieldErrors(planFieldErrors(preview.errors)) ?? {});
  const serverErrors =
    errorText.fieldErrors(localError?.fieldErrors ?? (state && !state.ok ? (state.fieldErrors ?? {}) : {})) ??
    {};
  const errorsFor = (field: string) => serverErrors[field] ?? previewErrors[field];

  /** A text field's name, what it holds and its errors. */
  const term = (name: (typeof TEXT_FIELDS)[number]) => ({
    name,
    defaultValue: terms[name],
    errors: errorsFor(name),
  });

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { isAccepted: _isAccepted, ...submitted } = readTerms(event.currentTarget, terms);
    const data = new FormData(event.currentTarget);
    const agreedVia = data.get("agreedVia");
    setLocalError(null);
    let chosen: Record<string, string> = { paymentMethodId: submitted.paymentMethodId };
    if (isNewMethod) {
      const tokenized = await tokenFrom(data);
      if (!tokenized) return;
      chosen = { paymentMethodId: "", newMethodToken: tokenized.token, holderName: tokenized.holderName };
    }
    startTransition(() =>
      dispatch({
        ...submitted,
        ...chosen,
        // The version of the text shown: it names its language, and the server writes that text.
        agreementVersion: agreement?.version ?? "",
        idempotencyKey,
        ...(staff ? { accountId: staff.accountId, agreedVia: agreedVia ?? "" } : {}),
      }),
    );
  };

  return (
    <form {...formProps} onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">{t("statements")}</legend>
        {options.accounts.map((a) => (
          <div key={a.id} className="flex flex-col gap-1">
            <p className="text-sm text-slate-700">{t("account", { number: a.accountNumber })}</p>
            {a.statements.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="statementIds"
                  value={s.id}
                  className="h-5 w-5"
                  defaultChecked={statementIds.includes(s.id)}
                />
                {t("statementOption", {
                  number: s.statementNumber,
                  date: formatDay(s.statementDate, intlLocale),
                  amount: formatCents(s.balanceCents, "USD", intlLocale),
                })}
              </label>
            ))}
          </div>
        ))}
        <p>
          {t("totalToSpread")} <Money cents={totalCents} locale={intlLocale} className="font-bold" />
        </p>
        <ErrorText errors={errorsFor("statementIds")} />
      </fieldset>

      <TextField label={t("downPayment")} inputMode="decimal" {...term("downPayment")} />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("sizeBy")}</legend>
        <Radio name="sizeBy" value="count" defaultChecked={sizeBy === "count"}>
          {t("byCount")}
        </Radio>
        <Radio name="sizeBy" value="amount" defaultChecked={sizeBy === "amount"}>
          {t("byAmount")}
        </Radio>
      </fieldset>
      {sizeBy === "count" ? (
        <TextField label={t("byCount")} inputMode="numeric" {...term("installmentCount")} />
      ) : (
        <TextField label={t("byAmount")} inputMode="decimal" {...term("installmentAmount")} />
      )}

      <SelectField
        label={t("howOften")}
        name="frequency"
        options={FREQUENCIES.map((f) => [f, words(`frequency.${f}`)] as const)}
        defaultValue={frequency}
      />
      {frequency === "MONTHLY" ? (
        <TextField
          label={t("dayOfMonth")}
          inputMode="numeric"
          hint={t("dayOfMonthHint")}
          {...term("dayOfMonth")}
        />
      ) : null}
      <TextField label={t("startDate")} type="date" {...term("startDate")} />

      <div className="flex flex-col gap-3">
        {options.methods.length === 0 && canUseNewMethod ? (
          <p className="font-medium text-slate-800">{t("payWith")}</p>
        ) : options.methods.length === 0 ? (
          <>
            <p className="font-medium text-slate-800">{t("payWith")}</p>
            {staff ? (
              <p>{t("staffNoMethods")}</p>
            ) : (
              <p>
                {t("noMethods")}{" "}
                <Link href="/wallet" className="text-brand-700 underline">
                  {t("addOneInWallet")}
                </Link>
                .
              </p>
            )}
            <ErrorText errors={serverErrors.paymentMethodId} />
          </>
        ) : (
          <SelectField
            label={t("payWith")}
            name="paymentMethodId"
            options={[
              ...options.methods.map((m) => [m.id, m.optionLabel ?? m.label] as const),
              ...(canUseNewMethod ? [[NEW_METHOD_CHOICE, t("useNewMethod")] as const] : []),
            ]}
            defaultValue={paymentMethodId}
            errors={serverErrors.paymentMethodId}
          />
        )}
        {isNewMethod && hostedFields ? (
          <NewMethodFields
            ref={newMethodFields}
            config={hostedFields}
            errors={serverErrors}
            intro={t("newMethodIntro")}
          />
        ) : null}
        {staff || canUseNewMethod ? null : (
          <p className="text-sm">
            <Link href="/wallet" className="text-brand-700 underline">
              {t("addMethod")}
            </Link>
          </p>
        )}
      </div>

      <section aria-labelledby="plan-preview-title" className="flex flex-col gap-2">
        <h2 id="plan-preview-title" className="text-lg font-semibold">
          {staff ? t("scheduleStaff") : t("schedule")}
        </h2>
        {preview.ok ? (
          <Table caption={words("installments")} testId="plan-preview">
            <TableHead className="text-sm text-slate-700">
              <HeaderCell>{words("number")}</HeaderCell>
              <HeaderCell>{words("due")}</HeaderCell>
              <HeaderCell isNumeric>{words("amount")}</HeaderCell>
            </TableHead>
            <tbody>
              {preview.data.schedule.downPaymentCents > 0 ? (
                <Row>
                  <Cell>—</Cell>
                  <Cell>{t("downPaymentRow")}</Cell>
                  <Cell isNumeric>
                    <Money cents={preview.data.schedule.downPaymentCents} locale={intlLocale} />
                  </Cell>
                </Row>
              ) : null}
              {preview.data.schedule.installments.map((i) => (
                <Row key={i.sequence}>
                  <InstallmentCells installment={i} locale={intlLocale} />
                </Row>
              ))}
            </tbody>
          </Table>
        ) : (
          <p>{t("completeFields")}</p>
        )}
      </section>

      {agreement ? (
        <section aria-labelledby="plan-agreement-title" className="flex flex-col gap-2">
          <h2 id="plan-agreement-title" className="text-lg font-semibold">
            {t("agreement")}
          </h2>
          {staff ? (
            <label className="flex flex-col gap-1 font-medium">
              {t("agreementLanguage")}
              <select
                value={staffAgreementLocale}
                onChange={(event) => {
                  if (isLocale(event.target.value)) setStaffAgreementLocale(event.target.value);
                }}
                className="w-fit rounded-md border border-slate-400 px-3 py-2"
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <pre
            lang={agreementLocale}
            tabIndex={0}
            className="max-h-72 overflow-auto rounded-md border border-slate-300 bg-slate-50 p-3 text-sm whitespace-pre-wrap"
            data-testid="plan-agreement"
          >
            {agreement.text}
          </pre>
          {staff ? (
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 font-medium">{t("howAgreed")}</legend>
              <Radio name="agreedVia" value="IN_PERSON">
                {t("inPerson")}
              </Radio>
              <Radio name="agreedVia" value="PHONE">
                {t("byPhone")}
              </Radio>
              <ErrorText errors={serverErrors.agreedVia} />
            </fieldset>
          ) : null}
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="accept"
              value="yes"
              className="h-5 w-5"
              defaultChecked={isAccepted}
            />
            {staff ? t("acceptStaff") : t("accept")}
          </label>
        </section>
      ) : null}

      <FormMessage
        state={errorText.result(localError ? { ok: false, message: localError.message } : state)}
      />
      <div>
        {agreement && isAccepted ? (
          <SubmitButton isPending={isPending || isTokenizing} pendingText={t("pending")}>
            {staff ? t("submitStaff") : t("submit")}
          </SubmitButton>
        ) : (
          <p className="text-sm text-slate-700">{t("acceptFirst")}</p>
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
