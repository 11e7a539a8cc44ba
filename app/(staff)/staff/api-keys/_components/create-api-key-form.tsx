"use client";

import { SubmitButton } from "@/components/ui/button";
import { Radio, TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import type { TCreatedApiKey } from "@/lib/api-keys/schemas";
import type { FormState } from "@/lib/result";

/** Name and scope of a new key; the key itself is shown once, here, after it is made. */
export function CreateApiKeyForm() {
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<TCreatedApiKey>>(
    createApiKeyAction,
    null,
    { isResetOnSuccess: true },
  );
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <TextField
        label="Name"
        name="name"
        errors={fieldErrors?.name}
        maxLength={80}
        hint="What uses it, e.g. “PMS sync”."
      />
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium text-slate-800">Scope</legend>
        <Radio name="scope" value="read" defaultChecked>
          Read: payments, events, accounts, plans
        </Radio>
        <Radio name="scope" value="write">
          Write: read, and update statement balances
        </Radio>
      </fieldset>
      <div>
        <SubmitButton isPending={isPending} pendingText="Creating…">
          Create key
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <Notice tone="success">
            <p>Key “{state.data.name}” created. Copy it now: it is not shown again.</p>
            <p className="mt-2">
              <label htmlFor="new-api-key" className="font-medium">
                New API key
              </label>
              <input
                id="new-api-key"
                readOnly
                value={state.data.key}
                className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
                onFocus={(e) => e.currentTarget.select()}
                data-testid="new-api-key"
              />
            </p>
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
