"use client";

import { BrowserTimeZoneField } from "@/components/ui/browser-time-zone-field";
import { TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
import { CheckboxField, ProfileForm } from "@/components/profile/form-parts";
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
};

/** The boxes a patient ticks, by the preference each one saves. */
const PREFERENCES = {
  paperlessStatements: {
    label: "Paperless statements",
    description: "We email you when a new statement is ready instead of mailing it on paper.",
  },
  emailReceipts: {
    label: "Email receipts",
    description:
      "A receipt by email after each payment on your accounts. Receipts are always in your payment history.",
  },
  paymentReminders: {
    label: "Payment reminders",
    description: "An email a few days before a bill or a payment plan installment is due.",
  },
  smsOptIn: { label: "Text me about my bills", description: null },
  smsReminders: {
    label: "Text me plan and autopay reminders",
    description:
      "A text too before a payment plan installment or an autopay charge, and when one is declined, while texts are on.",
  },
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
  const form = useActionForm(updatePreferencesAction, null);
  const { snapshot: isSmsOn, formProps: snapshotProps } = useFormSnapshot(
    () => defaults.smsOptIn,
    readSmsOptIn,
  );
  /** A preference's box, ticked as saved. */
  const box = (name: keyof typeof PREFERENCES) => (
    <CheckboxField
      name={name}
      label={PREFERENCES[name].label}
      description={PREFERENCES[name].description ?? defaults.smsConsentText}
      defaultChecked={defaults[name]}
    />
  );
  return (
    <ProfileForm
      form={{ ...form, formProps: { ...form.formProps, ...snapshotProps } }}
      submit="Save preferences"
      pendingText="Saving…"
      success="Your preferences are saved."
      className="gap-6"
    >
      <PreferenceGroup legend="Statements">{box("paperlessStatements")}</PreferenceGroup>
      <PreferenceGroup legend="Email">
        {box("emailReceipts")}
        {box("paymentReminders")}
      </PreferenceGroup>
      <PreferenceGroup legend="Text messages">
        {defaults.smsStatus ? (
          <p className="mb-3 text-sm text-slate-700" data-testid="sms-status">
            {defaults.smsStatus}
          </p>
        ) : null}
        {box("smsOptIn")}
        {box("smsReminders")}
        <TextField
          label={isSmsOn ? "Mobile number for texts" : "Mobile number for texts (optional)"}
          name="smsPhone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          hint={
            defaults.profilePhone
              ? `A US mobile number. The phone on your profile is ${defaults.profilePhone}.`
              : "A US mobile number, for example (215) 555-0101."
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
