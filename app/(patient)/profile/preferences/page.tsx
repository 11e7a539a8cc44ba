import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PreferencesForm } from "@/components/profile/preferences-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { getPreferences } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Communication preferences · Profile" };

export default async function ProfilePreferencesPage() {
  const actor = await patientPage();
  const preferences = await getPreferences({ userId: actor.userId });
  return (
    <Card>
      <h2 className="mb-1 text-xl font-semibold">Communication preferences</h2>
      <p className="mb-4 text-slate-700">
        How we reach you about your bills. Notices the law requires, and messages about your login, are sent
        whatever you choose here.
      </p>
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
    </Card>
  );
}
