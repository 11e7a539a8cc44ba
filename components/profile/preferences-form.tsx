"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useFormSnapshot } from "@/components/ui/use-form-snapshot";
import { CheckboxField, SuccessMessage } from "@/components/profile/form-parts";
import { updatePreferencesAction } from "@/lib/profile/actions";
import { SMS_CONSENT } from "@/lib/profile/schemas";

export type TPreferencesDefaults = {
  paperlessStatements: boolean;
  emailReceipts: boolean;
  paymentReminders: boolean;
  smsOptIn: boolean;
  smsPhone: string;
  /** The phone on the profile, offered as a hint for the texting number. */
  profilePhone: string;
};

const PreferenceGroup = ({ legend, children }: { legend: string; children: React.ReactNode }) => (
  <fieldset className="flex flex-col gap-4">
    <legend className="mb-2 text-lg font-semibold text-slate-900">{legend}</legend>
    {children}
  </fieldset>
);

/** Whether the texting box is ticked, as the form holds it (ticked before hydration too). */
const readSmsOptIn = (form: HTMLFormElement) => new FormData(form).get("smsOptIn") !== null;

export function PreferencesForm({ defaults }: { defaults: TPreferencesDefaults }) {
  const { state, isPending, fieldErrors, formProps } = useActionForm(updatePreferencesAction, null);
  const { snapshot: isSmsOn, formProps: snapshotProps } = useFormSnapshot(
    () => defaults.smsOptIn,
    readSmsOptIn,
  );
  return (
    <form {...formProps} {...snapshotProps} className="flex flex-col gap-6" noValidate>
      <SuccessMessage>{state?.ok ? "Your preferences are saved." : null}</SuccessMessage>
      <FormMessage state={state} />
      <PreferenceGroup legend="Statements">
        <CheckboxField
          name="paperlessStatements"
          label="Paperless statements"
          description="We email you when a new statement is ready instead of mailing it on paper."
          defaultChecked={defaults.paperlessStatements}
        />
      </PreferenceGroup>
      <PreferenceGroup legend="Email">
        <CheckboxField
          name="emailReceipts"
          label="Email receipts"
          description="A receipt by email after each payment on your accounts. Receipts are always in your payment history."
          defaultChecked={defaults.emailReceipts}
        />
        <CheckboxField
          name="paymentReminders"
          label="Payment reminders"
          description="An email a few days before a bill or a payment plan installment is due."
          defaultChecked={defaults.paymentReminders}
        />
      </PreferenceGroup>
      <PreferenceGroup legend="Text messages">
        <CheckboxField
          name="smsOptIn"
          label="Text me about my bills"
          description={SMS_CONSENT.text}
          defaultChecked={defaults.smsOptIn}
        />
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
          errors={fieldErrors?.smsPhone}
          className="sm:max-w-xs"
        />
      </PreferenceGroup>
      <div>
        <SubmitButton isPending={isPending} pendingText="Saving…">
          Save preferences
        </SubmitButton>
      </div>
    </form>
  );
}
