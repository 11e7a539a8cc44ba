import type { Metadata } from "next";
import { ProfileSection } from "@/components/profile/profile-section";
import { PreferencesForm } from "@/components/profile/preferences-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { formatInstant } from "@/lib/dates";
import { getPreferences, getSmsConsentState, getSmsConsentText } from "@/lib/profile/queries";
import { scheduleTimeZone } from "@/lib/practice";

export const metadata: Metadata = { title: "Communication preferences · Profile" };

export default async function ProfilePreferencesPage() {
  const actor = await patientPage();
  const [preferences, consent, consentText, timeZone] = await Promise.all([
    getPreferences({ userId: actor.userId }),
    getSmsConsentState({ userId: actor.userId }),
    getSmsConsentText({ userId: actor.userId }),
    scheduleTimeZone(),
  ]);
  const when = consent ? formatInstant(consent.createdAt, timeZone) : "";
  const number = consent ? formatUsPhone(consent.phone) : "";
  const smsStatus = !consent
    ? null
    : consent.isOptedIn
      ? `Texts to ${number} are on since ${when}${consent.source === "KEYWORD" ? ` (you texted ${consent.keyword})` : ""}.`
      : consent.source === "KEYWORD"
        ? `Texts to ${number} are off: you replied ${consent.keyword} on ${when}. Tick the box and save, or text START, to get them again.`
        : `Texts to ${number} are off since ${when}.`;
  return (
    <ProfileSection
      title="Communication preferences"
      intro={
        <>
          How we reach you about your bills. Notices the law requires, and messages about your login, are sent
          whatever you choose here.
        </>
      }
    >
      <PreferencesForm
        defaults={{
          paperlessStatements: preferences.paperlessStatements,
          emailReceipts: preferences.emailReceipts,
          paymentReminders: preferences.paymentReminders,
          smsOptIn: preferences.smsOptIn,
          smsReminders: preferences.smsReminders,
          smsPhone: formatUsPhone(preferences.smsPhone),
          profilePhone: formatUsPhone(preferences.phone),
          smsStatus,
          smsConsentText: consentText,
        }}
      />
    </ProfileSection>
  );
}
