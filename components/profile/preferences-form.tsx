"use client";

import { BrowserTimeZoneField } from "@/components/ui/browser-time-zone-field";
import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
import { CheckboxField, ProfileForm } from "@/components/profile/form-parts";
import { useTranslatedForm } from "@/components/profile/use-translated-form";
import type { TLocale } from "@/lib/locale";
import { updatePreferencesAction } from "@/lib/profile/actions";

export type TPreferencesDefaults = {
  paperlessStatements: boolean;
  emailReceipts: boolean;
  paymentReminders: boolean;
  smsOptIn: boolean;
  smsReminders: boolean;
  smsPhone: string;
  /** The phone on the profile, offered as a hint for the texting number. */
  profilePhone: string;
  /** Where the texting number's consent stands ("Texts to … are off: you replied STOP on …"), if anywhere. */
  smsStatus: string | null;
  /** The consent the texting box stands for (SMS_CONSENT.textFor the patient's practice). */
  smsConsentText: string;
  /** The language of that text, sent with the form so that an opt-in records the text as shown. */
  smsConsentLocale: TLocale;
};

/** The boxes a patient ticks, by the preference each one saves: its line in messages, if not the consent. */
const PREFERENCES = {
  paperlessStatements: "paperlessStatementsHelp",
  emailReceipts: "emailReceiptsHelp",
  paymentReminders: "paymentRemindersHelp",
  smsOptIn: null,
  smsReminders: "smsRemindersHelp",
} as const;

const PreferenceGroup = ({ legend, children }: { legend: string; children: React.ReactNode }) => (
  <fieldset className="flex flex-col gap-4">
    <legend className="mb-2 text-lg font-semibold text-slate-900">{legend}</legend>
    {children}
  </fieldset>
);

/** Whether the texting box is ticked, as the form holds it (ticked before hydration too). */
const readSmsOptIn = (form: HTMLFormElement) => new FormData(form).get("smsOptIn") !== null;

export function PreferencesForm({ defaults }: { defaults: TPreferencesDefaults }) {
  const t = useTranslations("ProfilePreferences");
  const form = useTranslatedForm(useActionForm(updatePreferencesAction, null));
  const { snapshot: isSmsOn, formProps: snapshotProps } = useFormSnapshot(
    () => defaults.smsOptIn,
    readSmsOptIn,
  );
  /** A preference's box, ticked as saved. */
  const box = (name: keyof typeof PREFERENCES) => {
    const description = PREFERENCES[name];
    return (
      <CheckboxField
        name={name}
        label={t(name)}
        description={description ? t(description) : defaults.smsConsentText}
        defaultChecked={defaults[name]}
      />
    );
  };
  return (
    <ProfileForm
      form={{ ...form, formProps: { ...form.formProps, ...snapshotProps } }}
      submit={t("submit")}
      pendingText={t("pending")}
      success={t("saved")}
      className="gap-6"
    >
      <PreferenceGroup legend={t("statements")}>{box("paperlessStatements")}</PreferenceGroup>
      <PreferenceGroup legend={t("email")}>
        {box("emailReceipts")}
        {box("paymentReminders")}
      </PreferenceGroup>
      <PreferenceGroup legend={t("texts")}>
        <input type="hidden" name="consentLocale" value={defaults.smsConsentLocale} />
        {defaults.smsStatus ? (
          <p className="mb-3 text-sm text-slate-700" data-testid="sms-status">
            {defaults.smsStatus}
          </p>
        ) : null}
        {box("smsOptIn")}
        {box("smsReminders")}
        <TextField
          label={isSmsOn ? t("smsPhone") : t("smsPhoneOptional")}
          name="smsPhone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          hint={
            defaults.profilePhone
              ? t("smsPhoneHintProfile", { phone: defaults.profilePhone })
              : t("smsPhoneHint")
          }
          defaultValue={defaults.smsPhone}
          required={isSmsOn}
          errors={form.fieldErrors?.smsPhone}
          className="sm:max-w-xs"
        />
        <BrowserTimeZoneField />
      </PreferenceGroup>
    </ProfileForm>
  );
}
