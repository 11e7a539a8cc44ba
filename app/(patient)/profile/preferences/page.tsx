import type { Metadata } from "next";
import { ProfileSection } from "@/components/profile/profile-section";
import { PreferencesForm } from "@/components/profile/preferences-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { getPreferences } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Communication preferences · Profile" };

export default async function ProfilePreferencesPage() {
  const actor = await patientPage();
  const preferences = await getPreferences({ userId: actor.userId });
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
          smsPhone: formatUsPhone(preferences.smsPhone),
          profilePhone: formatUsPhone(preferences.phone),
        }}
      />
    </ProfileSection>
  );
}
