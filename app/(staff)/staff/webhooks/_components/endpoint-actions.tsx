"use client";

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
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <p>
        Makes a new signing secret. The current one keeps signing too (a second <code>v1</code>) for 24 hours,
        so the receiving system can switch at any time that day.
      </p>
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText="Rotating…">
          Rotate secret
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <SecretOnce secret={state.data.secret}>
            New secret made; the old one stops signing at{" "}
            {new Date(state.data.previousValidUntil).toUTCString()}.
          </SecretOnce>
        ) : null}
      </div>
    </form>
  );
}

/** Deletes the endpoint (and its delivery log); the action then goes back to the list. */
export function DeleteEndpointForm({ endpointId }: { endpointId: string }) {
  const { state, isPending, formProps } = useActionForm<FormState<never>>(deleteWebhookEndpointAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <p>
        No more events go to it. Its delivery log goes too; the events stay in the API&apos;s events feed.
      </p>
      <div>
        <SubmitButton variant="danger" isPending={isPending} pendingText="Deleting…">
          Delete endpoint
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
  return (
    <form {...formProps}>
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton
        variant="secondary"
        className="min-h-9 px-3 py-1 text-sm"
        isPending={isPending}
        pendingText="Resending…"
      >
        Resend
      </SubmitButton>
      <div aria-live="polite" aria-atomic="true" className="text-sm">
        {state?.ok ? (
          <p>
            {state.data.held
              ? "Queued, but this endpoint is disabled: it is sent when you enable the endpoint."
              : "Queued to send again."}
          </p>
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
  return (
    <form {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="endpointId" value={endpointId} />
      <TextField
        label="Failed since"
        name="since"
        type="datetime-local"
        defaultValue={defaultSince}
        hint="In the practice's time zone"
        errors={fieldErrors?.since}
        required
      />
      <div>
        <SubmitButton variant="secondary" isPending={isPending} pendingText="Resending…">
          Resend failed events
        </SubmitButton>
      </div>
      <FormMessage state={state} />
      <div aria-live="polite" aria-atomic="true">
        {state?.ok ? (
          <Notice tone="success">
            {state.data.resent === 0
              ? "No failed delivery since then."
              : `${state.data.resent} failed ${state.data.resent === 1 ? "delivery" : "deliveries"} queued to send again${
                  state.data.held ? ", sent when you enable this endpoint (it is disabled)" : ""
                }.`}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
