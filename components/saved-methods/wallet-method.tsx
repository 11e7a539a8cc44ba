"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useWalletErrorText } from "@/components/saved-methods/use-wallet-error-text";
import { INTL_LOCALES } from "@/lib/locale";
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
  const errorText = useWalletErrorText();
  const shown = errorText.result(state);
  const translated =
    shown && !shown.ok && shown.fieldErrors
      ? { ...shown, fieldErrors: errorText.fieldErrors(shown.fieldErrors) }
      : shown;
  return (
    <form {...formProps} noValidate className={className}>
      <input type="hidden" name="methodId" value={methodId} />
      <FormMessage state={translated} />
      {state?.ok && done ? (
        <p aria-live="polite" className="text-sm text-green-800">
          {done}
        </p>
      ) : null}
      {children(translated, isPending)}
    </form>
  );
}

const fieldErrors = (state: ActionResult<unknown> | null, name: string) =>
  state && !state.ok ? state.fieldErrors?.[name] : undefined;

/**
 * One saved method and what can be done with it, in the reader's language. `consent` is the
 * permission for billing staff in that language: its version is sent with it and stored.
 */
export function WalletMethod({
  method,
  consent,
  timeZone,
}: {
  method: TWalletMethod;
  consent: { version: string; text: string };
  /** The practice's zone, for dates (the same on the server and in the browser). */
  timeZone: string;
}) {
  const t = useTranslations("WalletMethod");
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState<null | "rename" | "expiry" | "remove">(null);
  const label = walletMethodLabel(method, { locale });
  const usedBy = [
    ...method.usedBy.planAccounts.map((a) => t("usedByPlan", { number: a })),
    ...method.usedBy.autopayAccounts.map((a) => t("usedByAutopay", { number: a })),
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
            <span className="rounded bg-brand-800 px-2 py-0.5 text-sm text-white">{t("default")}</span>
          ) : null}
          {method.expiry === "expired" ? (
            <span className="rounded bg-red-700 px-2 py-0.5 text-sm text-white">{t("expired")}</span>
          ) : method.expiry === "expires_soon" ? (
            <span className="rounded bg-amber-200 px-2 py-0.5 text-sm text-amber-950">
              {t("expiresSoon")}
            </span>
          ) : null}
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-slate-800">
        {method.holderName ? (
          <>
            <dt>{t("name")}</dt>
            <dd>{method.holderName}</dd>
          </>
        ) : null}
        {method.expMonth && method.expYear ? (
          <>
            <dt>{t("expires")}</dt>
            <dd>{formatExpiry(method.expMonth, method.expYear)}</dd>
          </>
        ) : null}
        {usedBy.length > 0 ? (
          <>
            <dt>{t("usedBy")}</dt>
            <dd>{usedBy.join("; ")}</dd>
          </>
        ) : null}
      </dl>

      <div className="mt-3 flex flex-wrap gap-2">
        {!method.isDefault ? (
          <MethodForm action={setDefaultMethodAction} methodId={method.id} className="contents">
            {(_, isPending) => (
              <SubmitButton variant="secondary" isPending={isPending} pendingText={t("saving")}>
                {t("makeDefault")}
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
          {t("rename")}
        </Button>
        {method.kind === "CARD" ? (
          <Button
            type="button"
            variant="secondary"
            aria-expanded={open === "expiry"}
            aria-controls={`${id}-expiry`}
            onClick={() => toggle("expiry")}
          >
            {t("updateExpiry")}
          </Button>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          aria-expanded={open === "remove"}
          aria-controls={`${id}-remove`}
          onClick={() => toggle("remove")}
        >
          {t("remove")}
        </Button>
      </div>

      <div id={`${id}-rename`} hidden={open !== "rename"} className="mt-3">
        <MethodForm action={renameMethodAction} methodId={method.id} done={t("nicknameSaved")}>
          {(state, isPending) => (
            <>
              <TextField
                label={t("nickname")}
                name="nickname"
                maxLength={40}
                defaultValue={method.nickname ?? ""}
                hint={t("nicknameHint")}
                errors={fieldErrors(state, "nickname")}
              />
              <div>
                <SubmitButton isPending={isPending} pendingText={t("saving")}>
                  {t("saveNickname")}
                </SubmitButton>
              </div>
            </>
          )}
        </MethodForm>
      </div>

      {method.kind === "CARD" ? (
        <div id={`${id}-expiry`} hidden={open !== "expiry"} className="mt-3">
          <MethodForm action={updateMethodExpiryAction} methodId={method.id} done={t("expiryUpdated")}>
            {(state, isPending) => (
              <>
                <TextField
                  label={t("newExpiry")}
                  name="expiry"
                  inputMode="numeric"
                  autoComplete="cc-exp"
                  placeholder={t("expiryPlaceholder")}
                  hint={t("expiryHint")}
                  errors={fieldErrors(state, "expiry")}
                />
                <div>
                  <SubmitButton isPending={isPending} pendingText={t("saving")}>
                    {t("saveExpiry")}
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
              <p>{t("removeQuestion", { method: label })}</p>
              {usedBy.length > 0 ? (
                <Notice tone="warning">{t("inUse", { uses: usedBy.join(t("and")) })}</Notice>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <SubmitButton variant="danger" isPending={isPending} pendingText={t("removing")}>
                  {t("removeMethod", { method: label })}
                </SubmitButton>
                <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
                  {t("keep")}
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
          done={method.staffChargeConsentAt ? t("permissionGiven") : t("permissionWithdrawn")}
        >
          {(_, isPending) => (
            <>
              <input type="hidden" name="consent" value={method.staffChargeConsentAt ? "false" : "true"} />
              <input type="hidden" name="consentVersion" value={consent.version} />
              <p className="text-sm text-slate-800">
                <span className="font-medium">{t("staffMayCharge")} </span>
                {method.staffChargeConsentAt
                  ? t("yesSince", {
                      date: formatInstant(method.staffChargeConsentAt, timeZone, INTL_LOCALES[locale]),
                    })
                  : t("no")}
              </p>
              {!method.staffChargeConsentAt ? <p className="text-sm text-slate-700">{consent.text}</p> : null}
              <div>
                <SubmitButton variant="secondary" isPending={isPending} pendingText={t("saving")}>
                  {method.staffChargeConsentAt ? t("withdraw") : t("allow")}
                </SubmitButton>
              </div>
            </>
          )}
        </MethodForm>
      </div>
    </li>
  );
}
