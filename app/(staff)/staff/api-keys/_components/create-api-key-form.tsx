"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Radio, TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import type { TCreatedApiKey } from "@/lib/api-keys/schemas";
import type { FormState } from "@/lib/result";

/** Name and scope of a new key; the key itself is shown once, here, after it is made. */
export function CreateApiKeyForm() {
  const t = useTranslations("StaffApiKeys");
  const { state, isPending, fieldErrors, formProps } = useActionForm<FormState<TCreatedApiKey>>(
    createApiKeyAction,
    null,
    { isResetOnSuccess: true },
  );
  return (
    <form {...formProps} className="flex flex-col gap-4">
      <TextField
        label={t("name")}
        name="name"
        errors={fieldErrors?.name}
        maxLength={80}
        hint={t("nameHint")}
      />
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium text-slate-800">{t("scope")}</legend>
        <Radio name="scope" value="read" defaultChecked>
          {t("readScope")}
        </Radio>
        <Radio name="scope" value="write">
          {t("writeScope")}
        </Radio>
      </fieldset>
      <div>
        <SubmitButton isPending={isPending} pendingText={t("creating")}>
          {t("create")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <Notice tone="success">
            <p>{t("createdKey", { name: state.data.name })}</p>
            <p className="mt-2">
              <label htmlFor="new-api-key" className="font-medium">
                {t("newKey")}
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
