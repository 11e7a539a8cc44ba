"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import { ProfileForm } from "@/components/profile/form-parts";
import { FieldErrors, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { recordPhoneConsentAction } from "@/lib/profile/staff-actions";

/**
 * Staff record a patient's consent to texts given by phone: the number, and a box saying the
 * patient agreed to the consent text (read to them). A bad number keeps what was typed; a
 * recorded consent empties the form for the next call.
 */
export function PhoneConsentForm({
  accountId,
  consentText,
  consentVersion,
}: {
  accountId: string;
  consentText: string;
  consentVersion: string;
}) {
  const t = useTranslations("StaffPhoneConsent");
  const form = useActionForm(recordPhoneConsentAction, null, { isResetOnSuccess: true });
  const errors = form.fieldErrors;
  const id = useId();
  return (
    <ProfileForm form={form} submit={t("submit")} pendingText={t("recording")} success={t("recorded")}>
      <input type="hidden" name="accountId" value={accountId} />
      <TextField
        label={t("phone")}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        hint={t("phoneHint")}
        required
        errors={errors?.phone}
        className="sm:max-w-xs"
      />
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          name="isAgreed"
          aria-describedby={`${id}-text ${id}-error`}
          aria-invalid={errors?.isAgreed?.length ? true : undefined}
          className="mt-0.5 h-6 w-6 shrink-0 accent-brand-700"
        />
        <div className="flex flex-col">
          <label htmlFor={id} className="font-medium text-slate-900">
            {t("agreed")}
          </label>
          <p id={`${id}-text`} className="text-sm text-slate-700">
            {t("text", { text: consentText, version: consentVersion })}
          </p>
          <FieldErrors id={`${id}-error`} errors={errors?.isAgreed} />
        </div>
      </div>
    </ProfileForm>
  );
}
