"use client";

import { useId } from "react";
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
  const form = useActionForm(recordPhoneConsentAction, null, { isResetOnSuccess: true });
  const errors = form.fieldErrors;
  const id = useId();
  return (
    <ProfileForm
      form={form}
      submit="Record consent"
      pendingText="Recording…"
      success="Consent recorded: the patient is texted a confirmation, and their reminders can go by text."
    >
      <input type="hidden" name="accountId" value={accountId} />
      <TextField
        label="Mobile number the patient gave"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        hint="A US mobile number, for example (215) 555-0101."
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
            The patient agreed on the phone to this text, read to them
          </label>
          <p id={`${id}-text`} className="text-sm text-slate-700">
            “{consentText}” (version {consentVersion})
          </p>
          <FieldErrors id={`${id}-error`} errors={errors?.isAgreed} />
        </div>
      </div>
    </ProfileForm>
  );
}
