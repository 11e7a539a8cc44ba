"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
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
  const form = useActionForm(updateContactDetailsAction, null);
  /** A field's name, its saved value and its errors. */
  const saved = (name: Exclude<keyof TContactDetailsDefaults, "firstName" | "lastName">) => ({
    name,
    defaultValue: defaults[name],
    errors: form.fieldErrors?.[name],
  });
  return (
    <ProfileForm form={form} submit="Save details" pendingText="Saving…" success="Your details are saved.">
      <NameFields errors={form.fieldErrors} defaults={defaults} />
      <TextField
        label="Phone (optional)"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        hint="A US number, for example (215) 555-0101. Our billing office calls it about your bills."
        {...saved("phone")}
        className="sm:max-w-xs"
      />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 font-semibold text-slate-900">Mailing address (optional)</legend>
        <p className="-mt-2 text-sm text-slate-700">
          Where paper statements go. To remove the address, clear all of its fields.
        </p>
        <TextField label="Street address" autoComplete="address-line1" {...saved("address1")} />
        <TextField
          label="Apartment, suite, etc. (optional)"
          autoComplete="address-line2"
          {...saved("address2")}
        />
        <div className="grid gap-4 sm:grid-cols-[2fr_1.5fr_1fr]">
          <TextField label="City" autoComplete="address-level2" {...saved("city")} />
          <SelectField
            label="State"
            name="state"
            autoComplete="address-level1"
            defaultValue={defaults.state}
            options={US_STATES}
            placeholder="Choose…"
            errors={form.fieldErrors?.state}
          />
          <TextField
            label="ZIP code"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={10}
            {...saved("zip")}
          />
        </div>
      </fieldset>
    </ProfileForm>
  );
}
