"use client";

import { useId, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/result";
import { formatInstant } from "@/lib/dates";
import { formatExpiry } from "@/lib/saved-methods/expiry";
import { walletMethodLabel } from "@/lib/method-label";
import {
  removeMethodAction,
  renameMethodAction,
  setDefaultMethodAction,
  setStaffChargeConsentAction,
  updateMethodExpiryAction,
} from "@/lib/saved-methods/actions";
import type { TWalletMethod } from "@/lib/saved-methods/queries";

type TAction = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

/** One small form about one method: the method id rides along; the outcome is announced. */
function MethodForm({
  action,
  methodId,
  done,
  children,
  className = "flex flex-col gap-2",
}: {
  action: TAction;
  methodId: string;
  done?: string;
  children: (state: ActionResult<unknown> | null, isPending: boolean) => React.ReactNode;
  className?: string;
}) {
  const { state, isPending, formProps } = useActionForm(action, null);
  return (
    <form {...formProps} noValidate className={className}>
      <input type="hidden" name="methodId" value={methodId} />
      <FormMessage state={state} />
      {state?.ok && done ? (
        <p aria-live="polite" className="text-sm text-green-800">
          {done}
        </p>
      ) : null}
      {children(state, isPending)}
    </form>
  );
}

const fieldErrors = (state: ActionResult<unknown> | null, name: string) =>
  state && !state.ok ? state.fieldErrors?.[name] : undefined;

export function WalletMethod({
  method,
  consentText,
  timeZone,
}: {
  method: TWalletMethod;
  consentText: string;
  /** The practice's zone, for dates (the same on the server and in the browser). */
  timeZone: string;
}) {
  const id = useId();
  const [open, setOpen] = useState<null | "rename" | "expiry" | "remove">(null);
  const label = walletMethodLabel(method);
  const usedBy = [
    ...method.usedBy.planAccounts.map((a) => `the payment plan for account ${a}`),
    ...method.usedBy.autopayAccounts.map((a) => `autopay for account ${a}`),
  ];
  const toggle = (panel: NonNullable<typeof open>) => setOpen(open === panel ? null : panel);

  return (
    <li className="rounded-md border border-slate-300 p-4" aria-labelledby={`${id}-label`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-label`} className="text-lg font-semibold">
          {method.nickname ? `${method.nickname} · ` : ""}
          {label}
        </h3>
        <div className="flex flex-wrap gap-2">
          {method.isDefault ? (
            <span className="rounded bg-brand-800 px-2 py-0.5 text-sm text-white">Default</span>
          ) : null}
          {method.expiry === "expired" ? (
            <span className="rounded bg-red-700 px-2 py-0.5 text-sm text-white">Expired</span>
          ) : method.expiry === "expires_soon" ? (
            <span className="rounded bg-amber-200 px-2 py-0.5 text-sm text-amber-950">Expires soon</span>
          ) : null}
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-slate-800">
        {method.holderName ? (
          <>
            <dt>Name</dt>
            <dd>{method.holderName}</dd>
          </>
        ) : null}
        {method.expMonth && method.expYear ? (
          <>
            <dt>Expires</dt>
            <dd>{formatExpiry(method.expMonth, method.expYear)}</dd>
          </>
        ) : null}
        {usedBy.length > 0 ? (
          <>
            <dt>Used by</dt>
            <dd>{usedBy.join("; ")}</dd>
          </>
        ) : null}
      </dl>

      <div className="mt-3 flex flex-wrap gap-2">
        {!method.isDefault ? (
          <MethodForm action={setDefaultMethodAction} methodId={method.id} className="contents">
            {(_, isPending) => (
              <SubmitButton variant="secondary" isPending={isPending} pendingText="Saving…">
                Make default
              </SubmitButton>
            )}
          </MethodForm>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          aria-expanded={open === "rename"}
          aria-controls={`${id}-rename`}
          onClick={() => toggle("rename")}
        >
          Rename
        </Button>
        {method.kind === "CARD" ? (
          <Button
            type="button"
            variant="secondary"
            aria-expanded={open === "expiry"}
            aria-controls={`${id}-expiry`}
            onClick={() => toggle("expiry")}
          >
            Update expiry
          </Button>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          aria-expanded={open === "remove"}
          aria-controls={`${id}-remove`}
          onClick={() => toggle("remove")}
        >
          Remove
        </Button>
      </div>

      <div id={`${id}-rename`} hidden={open !== "rename"} className="mt-3">
        <MethodForm action={renameMethodAction} methodId={method.id} done="Nickname saved.">
          {(state, isPending) => (
            <>
              <TextField
                label="Nickname"
                name="nickname"
                maxLength={40}
                defaultValue={method.nickname ?? ""}
                hint="Leave it empty to remove the nickname."
                errors={fieldErrors(state, "nickname")}
              />
              <div>
                <SubmitButton isPending={isPending} pendingText="Saving…">
                  Save nickname
                </SubmitButton>
              </div>
            </>
          )}
        </MethodForm>
      </div>

      {method.kind === "CARD" ? (
        <div id={`${id}-expiry`} hidden={open !== "expiry"} className="mt-3">
          <MethodForm action={updateMethodExpiryAction} methodId={method.id} done="Expiry date updated.">
            {(state, isPending) => (
              <>
                <TextField
                  label="New expiry date (MM/YY)"
                  name="expiry"
                  inputMode="numeric"
                  autoComplete="cc-exp"
                  placeholder="MM/YY"
                  hint="From your renewed card with the same number."
                  errors={fieldErrors(state, "expiry")}
                />
                <div>
                  <SubmitButton isPending={isPending} pendingText="Saving…">
                    Save expiry date
                  </SubmitButton>
                </div>
              </>
            )}
          </MethodForm>
        </div>
      ) : null}

      <div id={`${id}-remove`} hidden={open !== "remove"} className="mt-3">
        <MethodForm action={removeMethodAction} methodId={method.id}>
          {(_, isPending) => (
            <>
              <p>
                Remove {label} from your wallet? Past payments keep showing it; it can&apos;t be used again
                until you add it again.
              </p>
              {usedBy.length > 0 ? (
                <Notice tone="warning">
                  It pays {usedBy.join(" and ")}: choose another method there first.
                </Notice>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <SubmitButton variant="danger" isPending={isPending} pendingText="Removing…">
                  Remove {label}
                </SubmitButton>
                <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
                  Keep it
                </Button>
              </div>
            </>
          )}
        </MethodForm>
      </div>

      <div className="mt-4 border-t border-slate-200 pt-3">
        <MethodForm
          action={setStaffChargeConsentAction}
          methodId={method.id}
          done={method.staffChargeConsentAt ? "Permission given." : "Permission withdrawn."}
        >
          {(_, isPending) => (
            <>
              <input type="hidden" name="consent" value={method.staffChargeConsentAt ? "false" : "true"} />
              <p className="text-sm text-slate-800">
                <span className="font-medium">Billing staff may charge this method: </span>
                {method.staffChargeConsentAt
                  ? `yes, since ${formatInstant(method.staffChargeConsentAt, timeZone)}.`
                  : "no."}
              </p>
              {!method.staffChargeConsentAt ? <p className="text-sm text-slate-700">{consentText}</p> : null}
              <div>
                <SubmitButton variant="secondary" isPending={isPending} pendingText="Saving…">
                  {method.staffChargeConsentAt ? "Withdraw permission" : "I agree: allow billing staff"}
                </SubmitButton>
              </div>
            </>
          )}
        </MethodForm>
      </div>
    </li>
  );
}
