"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { useShownState } from "@/components/ui/use-server-words";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/field";
import { FormMessage, Notice } from "@/components/ui/form-message";
import { confirmEnrolmentAction, disableTotpAction, verifySecondFactorAction } from "@/lib/auth/mfa/actions";

const CodeField = ({ errors, label, hint }: { errors?: string[]; label: string; hint?: string }) => (
  <TextField
    label={label}
    name="code"
    hint={hint}
    autoComplete="one-time-code"
    autoCapitalize="off"
    spellCheck={false}
    required
    errors={errors}
  />
);

/**
 * The code of the enrolment, then the ten recovery codes, shown once. In the reader's language
 * (English for staff: the page chooses, components/i18n/messages-for.tsx), the actions' English
 * words too (useShownState).
 */
export function EnrolForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("MfaForms");
  const form = useActionForm(confirmEnrolmentAction, null);
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success">
          <h2 className="font-semibold">{t("enrolledTitle")}</h2>
          <p>{t("enrolledBody")}</p>
        </Notice>
        <ol
          aria-label={t("recoveryCodes")}
          className="grid grid-cols-2 gap-2 font-mono text-lg"
          data-testid="recovery-codes"
        >
          {state.data.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Link href={callbackUrl} className={buttonClass("primary")}>
          {t("savedContinue")}
        </Link>
      </div>
    );
  }
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <CodeField label={t("appCode")} hint={t("sixDigits")} errors={fieldErrors?.code} />
      <SubmitButton isPending={isPending} pendingText={t("checking")}>
        {t("turnOn")}
      </SubmitButton>
    </form>
  );
}

/** The code at sign-in, or again before a refund or a user change (step-up). */
export function SecondFactorForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("MfaForms");
  const form = useActionForm(verifySecondFactorAction, null);
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <CodeField label={t("code")} hint={t("codeHint")} errors={fieldErrors?.code} />
      <SubmitButton isPending={isPending} pendingText={t("checking")}>
        {t("continue")}
      </SubmitButton>
    </form>
  );
}

/** A patient turns two-step sign-in off with a code. */
export function DisableTotpForm() {
  const t = useTranslations("MfaForms");
  const form = useActionForm(disableTotpAction, null, { isResetOnSuccess: true });
  const { isPending, formProps } = form;
  const { state, fieldErrors } = useShownState(form);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <CodeField label={t("appCode")} hint={t("orRecoveryCode")} errors={fieldErrors?.code} />
      <SubmitButton isPending={isPending} pendingText={t("turningOff")}>
        {t("turnOff")}
      </SubmitButton>
    </form>
  );
}
