"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useState } from "react";
import { FormMessage, ResultMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmCheckbox, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
import {
  NewMethodFields,
  type THostedFieldsConfig,
  useNewMethodToken,
} from "@/components/saved-methods/new-method-fields";
import { useAutopayErrorText } from "@/components/autopay/use-autopay-error-text";
import { autopayConsentText } from "@/lib/autopay/consent";
import { parseDollarsToCents } from "@/lib/money";
import type { ActionResult } from "@/lib/result";
import { NEW_METHOD_CHOICE } from "@/lib/saved-methods/schemas";

type TAction = (state: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

export type TAutopayTerms = {
  accountNumber: string;
  practiceName: string;
  daysAfterStatement: number;
  reminderDays: number;
};

type TChoice = { methodId: string; limit: string };

/** The method and limit as the form's (uncontrolled) inputs hold them. */
const readChoice = (form: HTMLFormElement): TChoice => {
  const data = new FormData(form);
  return { methodId: String(data.get("paymentMethodId") ?? ""), limit: String(data.get("limit") ?? "") };
};

/**
 * Turn autopay on for an account (`accountId`), or change the method and limit of an enrolment
 * (`enrollmentId`): either way the patient reads the authorisation for exactly these terms and
 * accepts it (a new consent).
 *
 * With `hostedFields`, the method may be a new card or bank account typed right here into the
 * gateway's hosted fields (the only way when the patient has no saved method): on submit the form
 * gets their token and sends it with the terms, and the server saves the method in the wallet with
 * the enrolment once the gateway has verified it. A decline keeps the limit and the rest.
 *
 * In the reader's language, the authorisation included: its version, sent with the form, names
 * the language, and the server stores the text in it.
 */
export function AutopayEnrollForm({
  action,
  terms,
  methods,
  target,
  current,
  hostedFields,
}: {
  action: TAction;
  terms: TAutopayTerms;
  methods: { id: string; label: string }[];
  target: { accountId: string } | { enrollmentId: string };
  current?: { paymentMethodId?: string; limit: string };
  hostedFields?: THostedFieldsConfig;
}) {
  const t = useTranslations("AutopayForm");
  const locale = useLocale();
  const errorText = useAutopayErrorText();
  const { state, isPending, fieldErrors, formProps } = useActionForm<ActionResult<unknown> | null>(
    action,
    null,
  );
  // One key for this form: a double submit of the same new method saves it once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const {
    ref: newMethodFields,
    isTokenizing,
    error: localError,
    setError: setLocalError,
    tokenFrom,
  } = useNewMethodToken();
  // Uncontrolled inputs: a method or limit chosen before the page hydrates stays, and the
  // consent text follows it.
  const { snapshot, formProps: snapshotProps } = useFormSnapshot<TChoice>(
    () => ({ methodId: current?.paymentMethodId ?? methods[0]?.id ?? "", limit: current?.limit ?? "" }),
    readChoice,
  );
  const { methodId, limit } = snapshot;
  const isChange = "enrollmentId" in target;
  const isNewMethod = Boolean(hostedFields) && (methods.length === 0 || methodId === NEW_METHOD_CHOICE);
  if (methods.length === 0 && !hostedFields) {
    return (
      <p className="text-slate-700">
        {t("needsMethod")}{" "}
        <Link href="/wallet" className="text-brand-700 underline underline-offset-2">
          {t("addOneInWallet")}
        </Link>{" "}
        {t("first")}
      </p>
    );
  }
  const limitCents = parseDollarsToCents(limit);
  const consent = autopayConsentText({
    ...terms,
    methodLabel: isNewMethod
      ? t("newMethodLabel")
      : (methods.find((m) => m.id === methodId)?.label ?? t("chosenMethod")),
    limitCents: limitCents ?? 0,
    locale,
  });
  const errors = errorText.fieldErrors(localError?.fieldErrors ?? fieldErrors ?? {}) ?? {};

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    setLocalError(null);
    if (!isNewMethod) return formProps.onSubmit(event);
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const tokenized = await tokenFrom(formData);
    if (!tokenized) return;
    formData.set("paymentMethodId", "");
    formData.set("newMethodToken", tokenized.token);
    formData.set("idempotencyKey", idempotencyKey);
    startTransition(() => formProps.action(formData));
  };

  return (
    <form {...formProps} {...snapshotProps} onSubmit={onSubmit} className="flex flex-col gap-3">
      {"accountId" in target ? (
        <input type="hidden" name="accountId" value={target.accountId} />
      ) : (
        <input type="hidden" name="enrollmentId" value={target.enrollmentId} />
      )}
      {/* The version of the text shown: it names its language, and the server writes that text. */}
      <input type="hidden" name="consentVersion" value={consent.version} />
      <div className="flex flex-col gap-3">
        {methods.length === 0 ? (
          // No saved method: a new one is the only choice (said so if the form posts before hydrating).
          <input type="hidden" name="paymentMethodId" value={NEW_METHOD_CHOICE} />
        ) : (
          <SelectField
            label={t("method")}
            name="paymentMethodId"
            defaultValue={methodId}
            errors={errors.paymentMethodId}
            options={[
              ...methods.map((m) => [m.id, m.label] as const),
              ...(hostedFields ? [[NEW_METHOD_CHOICE, t("useNewMethod")] as const] : []),
            ]}
          />
        )}
        {isNewMethod && hostedFields ? (
          <NewMethodFields
            ref={newMethodFields}
            config={hostedFields}
            errors={errors}
            intro={t("newMethodIntro")}
          />
        ) : null}
        {hostedFields ? null : (
          <p className="text-sm text-slate-600">
            <Link href="/wallet" className="text-brand-700 underline underline-offset-2">
              {t("addMethod")}
            </Link>
          </p>
        )}
      </div>
      <TextField
        label={t("limit")}
        name="limit"
        inputMode="decimal"
        defaultValue={limit}
        hint={t("limitHint")}
        errors={errors.limit}
      />
      <div>
        <h3 className="font-medium">{t("authorization")}</h3>
        <pre
          tabIndex={0}
          aria-label={t("authorizationText")}
          className="mt-1 max-h-60 overflow-auto rounded-md border border-slate-300 bg-slate-50 p-3 font-sans text-sm whitespace-pre-wrap"
        >
          {consent.text}
        </pre>
      </div>
      <ConfirmCheckbox name="accept" errors={errors.accept}>
        {t("accept")}
      </ConfirmCheckbox>
      <ResultMessage
        state={errorText.result(localError ? { ok: false, message: localError.message } : state)}
        success={isChange ? t("updated") : t("turnedOn")}
      />
      <SubmitButton
        isPending={isPending || isTokenizing}
        pendingText={t("saving")}
        variant={isChange ? "secondary" : "primary"}
      >
        {isChange ? t("save") : t("turnOn")}
      </SubmitButton>
    </form>
  );
}

/**
 * Turn autopay off (the patient's page, or staff in the console). Its words come as props (the
 * patient's page passes them in the reader's language), so the staff console, whose messages are
 * its own, can show it too.
 */
export function AutopayUnenrollForm({
  action,
  enrollmentId,
  label = "Turn off autopay",
  pendingText = "Turning off…",
}: {
  action: TAction;
  enrollmentId: string;
  label?: string;
  pendingText?: string;
}) {
  const { state, isPending, formProps } = useActionForm<ActionResult<unknown> | null>(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="enrollmentId" value={enrollmentId} />
      <FormMessage state={state} />
      {/* On success the page shows the account as off: this form is gone with the enrolment. */}
      <SubmitButton variant="danger" isPending={isPending} pendingText={pendingText}>
        {label}
      </SubmitButton>
    </form>
  );
}
