"use client";

import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { SuccessMessage } from "@/components/profile/form-parts";
import { NameFields } from "@/components/auth/account-fields";
import { updateContactDetailsAction } from "@/lib/profile/actions";
import { US_STATES } from "@/lib/profile/us-states";

export type TContactDetailsDefaults = {
  firstName: string;
  lastName: string;
  phone: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
};

/** Name, phone and mailing address. A failed save keeps everything typed (useActionForm). */
export function ContactDetailsForm({ defaults }: { defaults: TContactDetailsDefaults }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(updateContactDetailsAction, null);
  return (
    <form {...formProps} className="flex flex-col gap-4" noValidate>
      <SuccessMessage>{state?.ok ? "Your details are saved." : null}</SuccessMessage>
      <FormMessage state={state} />
      <NameFields errors={fieldErrors} defaults={defaults} />
      <TextField
        label="Phone (optional)"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        hint="A US number, for example (215) 555-0101. Our billing office calls it about your bills."
        defaultValue={defaults.phone}
        errors={fieldErrors?.phone}
        className="sm:max-w-xs"
      />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 font-semibold text-slate-900">Mailing address (optional)</legend>
        <p className="-mt-2 text-sm text-slate-700">
          Where paper statements go. To remove the address, clear all of its fields.
        </p>
        <TextField
          label="Street address"
          name="address1"
          autoComplete="address-line1"
          defaultValue={defaults.address1}
          errors={fieldErrors?.address1}
        />
        <TextField
          label="Apartment, suite, etc. (optional)"
          name="address2"
          autoComplete="address-line2"
          defaultValue={defaults.address2}
          errors={fieldErrors?.address2}
        />
        <div className="grid gap-4 sm:grid-cols-[2fr_1.5fr_1fr]">
          <TextField
            label="City"
            name="city"
            autoComplete="address-level2"
            defaultValue={defaults.city}
            errors={fieldErrors?.city}
          />
          <SelectField
            label="State"
            name="state"
            autoComplete="address-level1"
            defaultValue={defaults.state}
            options={US_STATES}
            placeholder="Choose…"
            errors={fieldErrors?.state}
          />
          <TextField
            label="ZIP code"
            name="zip"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={10}
            defaultValue={defaults.zip}
            errors={fieldErrors?.zip}
          />
        </div>
      </fieldset>
      <div>
        <SubmitButton isPending={isPending} pendingText="Saving…">
          Save details
        </SubmitButton>
      </div>
    </form>
  );
}
