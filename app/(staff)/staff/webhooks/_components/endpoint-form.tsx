"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { EVENT_TYPES } from "@/lib/events/types";
import type { FormState } from "@/lib/result";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/webhooks/actions";

/** The signing secret, once: it is never shown again. */
export function SecretOnce({ secret, children }: { secret: string; children: React.ReactNode }) {
  const t = useTranslations("StaffWebhooks");
  return (
    <Notice tone="success">
      <p>{children}</p>
      <p className="mt-2">
        {t("secretOnce")}{" "}
        <code data-testid="webhook-secret" className="break-all rounded bg-white px-1 font-mono text-sm">
          {secret}
        </code>
      </p>
    </Notice>
  );
}

/** URL, events and enabled: a new endpoint, or the one given. */
export function EndpointForm({
  endpoint,
}: {
  endpoint?: { id: string; url: string; eventTypes: string[]; isActive: boolean };
}) {
  const t = useTranslations("StaffWebhooks");
  const isNew = !endpoint;
  const create = useActionForm<FormState<{ endpointId: string; secret: string }>>(
    createWebhookEndpointAction,
    null,
    {
      isResetOnSuccess: true,
    },
  );
  const update = useActionForm<FormState<{ endpointId: string }>>(updateWebhookEndpointAction, null);
  const { state, isPending, fieldErrors, formProps } = isNew ? create : update;
  const created = isNew && create.state?.ok ? create.state.data : null;
  return (
    <form {...formProps} className="flex flex-col gap-4">
      {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
      <TextField
        label={t("url")}
        name="url"
        type="url"
        inputMode="url"
        defaultValue={endpoint?.url}
        hint={t("urlHint")}
        errors={fieldErrors?.url}
        required
      />
      <fieldset className="flex flex-col gap-1" aria-describedby="event-types-errors">
        <legend className="font-medium text-slate-800">{t("eventsToSend")}</legend>
        <div className="grid gap-x-6 sm:grid-cols-2">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="eventTypes"
                value={type}
                defaultChecked={endpoint ? endpoint.eventTypes.includes(type) : type.startsWith("payment.")}
                className="h-5 w-5"
              />
              <code className="text-sm">{type}</code>
            </label>
          ))}
        </div>
        <FieldErrors id="event-types-errors" errors={fieldErrors?.eventTypes} />
      </fieldset>
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={endpoint ? endpoint.isActive : true}
          className="h-5 w-5"
        />
        {t("enabledBox")}
      </label>
      <div>
        <SubmitButton isPending={isPending} pendingText={t("saving")}>
          {isNew ? t("add") : t("save")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {created ? (
          <SecretOnce secret={created.secret}>
            {t.rich("added", {
              log: (chunks) => (
                <Link href={`/staff/webhooks/${created.endpointId}`} className="underline underline-offset-2">
                  {chunks}
                </Link>
              ),
            })}
          </SecretOnce>
        ) : !isNew && state?.ok ? (
          <Notice tone="success">{t("saved")}</Notice>
        ) : null}
      </div>
    </form>
  );
}
