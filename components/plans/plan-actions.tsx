"use client";

import { useState } from "react";
import { FormMessage, ResultMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmCheckbox, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formatDay } from "@/lib/dates";
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
  const { state, isPending, formProps } = useActionForm<ActionResult<unknown> | null>(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        label="Payment method for this plan"
        name="paymentMethodId"
        defaultValue={currentId}
        options={methods.map((m) => [m.id, m.label] as const)}
      />
      <ResultMessage state={state} success="The plan's payment method was changed." />
      <SubmitButton variant="secondary" isPending={isPending} pendingText="Saving…">
        Change method
      </SubmitButton>
    </form>
  );
}

function PayExtra({ planId, action }: { planId: string; action: TAction }) {
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
        label="Pay an extra amount now"
        name="amount"
        inputMode="decimal"
        hint="Charged now to the plan's method; it pays off the last installments first, so the plan ends sooner."
        errors={fieldErrors?.amount}
      />
      <ResultMessage
        state={state}
        success="Thank you: the extra payment was made and the schedule updated."
      />
      <SubmitButton variant="secondary" isPending={isPending} pendingText="Paying…">
        Pay now
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
  const { state, isPending, formProps } = useActionForm<ActionResult<unknown> | null>(action, null);
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        label="Skip one installment"
        name="sequence"
        hint="Its amount moves to a new installment after the last one."
        options={options.map(
          (o) => [String(o.sequence), `#${o.sequence}, due ${formatDay(o.dueDate)}`] as const,
        )}
      />
      <ResultMessage state={state} success="The installment was skipped." />
      <SubmitButton variant="secondary" isPending={isPending} pendingText="Skipping…">
        Skip installment
      </SubmitButton>
    </form>
  );
}

function Cancel({ planId, action }: { planId: string; action: TAction }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<ActionResult<unknown> | null>(
    action,
    null,
  );
  return (
    <form {...formProps} className="flex flex-col gap-2">
      <input type="hidden" name="planId" value={planId} />
      <h3 className="font-medium">Cancel the plan</h3>
      <p className="text-sm text-slate-700">
        No more installments will be charged. What is still owed stays on your statements; payments already
        made stand.
      </p>
      <ConfirmCheckbox name="confirm" errors={fieldErrors?.confirm}>
        Yes, cancel this payment plan
      </ConfirmCheckbox>
      <FormMessage state={state} />
      {state?.ok ? null : (
        <SubmitButton variant="danger" isPending={isPending} pendingText="Cancelling…">
          Cancel plan
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
