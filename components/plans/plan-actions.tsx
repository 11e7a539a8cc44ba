"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { FormMessage, ResultMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmCheckbox, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { usePlanErrorText } from "@/components/plans/use-plan-error-text";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import type { ActionResult } from "@/lib/result";

type TAction = (state: unknown, formData: FormData) => Promise<ActionResult<unknown>>;

export type TPlanActionSet = { changeMethod: TAction; payExtra: TAction; skip: TAction; cancel: TAction };

function ChangeMethod({
  planId,
  action,
  methods,
  currentId,
}: {
  planId: string;
  action: TAction;
  methods: { id: string; label: string }[];
  currentId: string;
}) {
  const t = useTranslations("PlanActions");
  const errorText = usePlanErrorText();
  const { state, isPending, formProps } = useActionForm<ActionResult<unknown> | null>(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        label={t("methodLabel")}
        name="paymentMethodId"
        defaultValue={currentId}
        options={methods.map((m) => [m.id, m.label] as const)}
      />
      <ResultMessage state={errorText.result(state)} success={t("methodChanged")} />
      <SubmitButton variant="secondary" isPending={isPending} pendingText={t("saving")}>
        {t("changeMethod")}
      </SubmitButton>
    </form>
  );
}

function PayExtra({ planId, action }: { planId: string; action: TAction }) {
  const t = useTranslations("PlanActions");
  const errorText = usePlanErrorText();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const { state, isPending, fieldErrors, formProps } = useActionForm<ActionResult<unknown> | null>(
    async (prev, data) => {
      const result = await action(prev, data);
      if (result.ok) setKey(crypto.randomUUID());
      return result;
    },
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <TextField
        label={t("extraLabel")}
        name="amount"
        inputMode="decimal"
        hint={t("extraHint")}
        errors={errorText.fieldErrors(fieldErrors)?.amount}
      />
      <ResultMessage state={errorText.result(state)} success={t("extraDone")} />
      <SubmitButton variant="secondary" isPending={isPending} pendingText={t("paying")}>
        {t("payNow")}
      </SubmitButton>
    </form>
  );
}

function Skip({
  planId,
  action,
  options,
}: {
  planId: string;
  action: TAction;
  options: { sequence: number; dueDate: Date }[];
}) {
  const t = useTranslations("PlanActions");
  const intlLocale = INTL_LOCALES[useLocale()];
  const errorText = usePlanErrorText();
  const { state, isPending, formProps } = useActionForm<ActionResult<unknown> | null>(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        label={t("skipLabel")}
        name="sequence"
        hint={t("skipHint")}
        options={options.map(
          (o) =>
            [
              String(o.sequence),
              t("skipOption", { sequence: o.sequence, date: formatDay(o.dueDate, intlLocale) }),
            ] as const,
        )}
      />
      <ResultMessage state={errorText.result(state)} success={t("skipped")} />
      <SubmitButton variant="secondary" isPending={isPending} pendingText={t("skipping")}>
        {t("skip")}
      </SubmitButton>
    </form>
  );
}

function Cancel({ planId, action }: { planId: string; action: TAction }) {
  const t = useTranslations("PlanActions");
  const errorText = usePlanErrorText();
  const { state, isPending, fieldErrors, formProps } = useActionForm<ActionResult<unknown> | null>(
    action,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <h3 className="font-medium">{t("cancelTitle")}</h3>
      <p className="text-sm text-slate-700">{t("cancelText")}</p>
      <ConfirmCheckbox name="confirm" errors={errorText.fieldErrors(fieldErrors)?.confirm}>
        {t("cancelConfirm")}
      </ConfirmCheckbox>
      <FormMessage state={errorText.result(state)} />
      {state?.ok ? null : (
        <SubmitButton variant="danger" isPending={isPending} pendingText={t("cancelling")}>
          {t("cancel")}
        </SubmitButton>
      )}
    </form>
  );
}

/** The plan page's actions; the page passes the patient's or the staff console's server actions. */
export function PlanActions({
  planId,
  status,
  actions,
  methods,
  currentMethodId,
  skipOptions,
  isCancelOnly = false,
}: {
  planId: string;
  status: string;
  actions: TPlanActionSet;
  methods: { id: string; label: string }[];
  currentMethodId: string;
  skipOptions: { sequence: number; dueDate: Date }[];
  /** Another person's plan on the guarantor's account: only cancelling it. */
  isCancelOnly?: boolean;
}) {
  const isOpen = status === "ACTIVE" || status === "DEFAULTED";
  if (!isOpen) return null;
  if (isCancelOnly) return <Cancel planId={planId} action={actions.cancel} />;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {methods.length > 0 ? (
        <ChangeMethod
          planId={planId}
          action={actions.changeMethod}
          methods={methods}
          currentId={currentMethodId}
        />
      ) : null}
      {status === "ACTIVE" ? <PayExtra planId={planId} action={actions.payExtra} /> : null}
      {status === "ACTIVE" && skipOptions.length > 0 ? (
        <Skip planId={planId} action={actions.skip} options={skipOptions} />
      ) : null}
      <Cancel planId={planId} action={actions.cancel} />
    </div>
  );
}
