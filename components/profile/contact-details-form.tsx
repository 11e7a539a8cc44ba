"use client";

import { useLocale, useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ProfileForm } from "@/components/profile/form-parts";
import { useTranslatedForm } from "@/components/profile/use-translated-form";
import { NameFields } from "@/components/auth/account-fields";
import { updateContactDetailsAction } from "@/lib/profile/actions";
import { usStateOptions } from "@/lib/profile/us-states";

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
  const t = useTranslations("ProfileDetails");
  const locale = useLocale();
  const form = useTranslatedForm(useActionForm(updateContactDetailsAction, null));
  /** A field's name, its saved value and its errors. */
  const saved = (name: Exclude<keyof TContactDetailsDefaults, "firstName" | "lastName">) => ({
    name,
    defaultValue: defaults[name],
    errors: form.fieldErrors?.[name],
  });
  return (
    <ProfileForm form={form} submit={t("submit")} pendingText={t("pending")} success={t("saved")}>
      <NameFields errors={form.fieldErrors} defaults={defaults} />
      <TextField
        label={t("phone")}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        hint={t("phoneHint")}
        {...saved("phone")}
        className="sm:max-w-xs"
      />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 font-semibold text-slate-900">{t("address")}</legend>
        <p className="-mt-2 text-sm text-slate-700">{t("addressHelp")}</p>
        <TextField label={t("address1")} autoComplete="address-line1" {...saved("address1")} />
        <TextField label={t("address2")} autoComplete="address-line2" {...saved("address2")} />
        <div className="grid gap-4 sm:grid-cols-[2fr_1.5fr_1fr]">
          <TextField label={t("city")} autoComplete="address-level2" {...saved("city")} />
          <SelectField
            label={t("state")}
            name="state"
            autoComplete="address-level1"
            defaultValue={defaults.state}
            options={usStateOptions(locale)}
            placeholder={t("statePlaceholder")}
            errors={form.fieldErrors?.state}
          />
          <TextField
            label={t("zip")}
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
