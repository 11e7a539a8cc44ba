"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormState } from "@/lib/result";
import {
  deleteWebhookEndpointAction,
  resendFailedWebhooksAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
} from "@/lib/webhooks/actions";
import { SecretOnce } from "./endpoint-form";

/** A new secret, shown once; the old one signs for 24 hours more. */
export function RotateSecretForm({ endpointId }: { endpointId: string }) {
  const { state, isPending, formProps } = useActionForm<
    FormState<{ secret: string; previousValidUntil: string }>
  >(rotateWebhookSecretAction, null);
  const t = useTranslations("StaffWebhooks");
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <p>{t.rich("rotateIntro", { code: (chunks) => <code>{chunks}</code> })}</p>
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText={t("rotating")}>
          {t("rotate")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <SecretOnce secret={state.data.secret}>
            {t("rotated", { at: new Date(state.data.previousValidUntil).toUTCString() })}
          </SecretOnce>
        ) : null}
      </div>
    </form>
  );
}

/** Deletes the endpoint (and its delivery log); the action then goes back to the list. */
export function DeleteEndpointForm({ endpointId }: { endpointId: string }) {
  const { state, isPending, formProps } = useActionForm<FormState<never>>(deleteWebhookEndpointAction, null);
  const t = useTranslations("StaffWebhooks");
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <p>{t("deleteIntro")}</p>
      <div>
        <SubmitButton variant="danger" isPending={isPending} pendingText={t("deleting")}>
          {t("delete")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** Sends one delivery again now. */
export function ResendDeliveryButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const { state, isPending, formProps } = useActionForm<FormState<{ resent: number; held: boolean }>>(
    resendWebhookDeliveryAction,
    null,
  );
  const t = useTranslations("StaffWebhooks");
  return (
    <form {...formProps}>
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton
        variant="secondary"
        className="min-h-9 px-3 py-1 text-sm"
        isPending={isPending}
        pendingText={t("resending")}
      >
        {t("resend")}
      </SubmitButton>
      <div aria-live="polite" aria-atomic="true" className="text-sm">
        {state?.ok ? (
          <p>{state.data.held ? t("queuedHeld") : t("queued")}</p>
        ) : state ? (
          <p className="text-red-700">{state.message}</p>
        ) : null}
      </div>
    </form>
  );
}

/** Sends again every delivery that failed since a moment (the practice's time). */
export function ResendFailedForm({ endpointId, defaultSince }: { endpointId: string; defaultSince: string }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm<
    FormState<{ resent: number; held: boolean }>
  >(resendFailedWebhooksAction, null);
  const t = useTranslations("StaffWebhooks");
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <TextField
        label={t("failedSince")}
        name="since"
        type="datetime-local"
        defaultValue={defaultSince}
        hint={t("failedSinceHint")}
        errors={fieldErrors?.since}
        required
      />
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText={t("resending")}>
          {t("resendFailed")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <Notice tone="success">
            {state.data.held
              ? t("resentHeld", { count: state.data.resent })
              : t("resent", { count: state.data.resent })}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
