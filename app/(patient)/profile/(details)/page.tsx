import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { ContactDetailsForm } from "@/components/profile/contact-details-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { getProfile } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Your details · Profile" };

export default async function ProfileDetailsPage() {
  const actor = await patientPage();
  const profile = await getProfile({ userId: actor.userId });
  return (
    <Card>
      <h2 className="mb-1 text-xl font-semibold">Your details</h2>
      <p className="mb-4 text-slate-700">
        Your name as the billing office knows you, a phone number, and where paper statements are mailed.
      </p>
      <ContactDetailsForm
        defaults={{
          firstName: profile.firstName,
          lastName: profile.lastName,
          phone: formatUsPhone(profile.phone),
          address1: profile.address1 ?? "",
          address2: profile.address2 ?? "",
          city: profile.city ?? "",
          state: profile.state ?? "",
          zip: profile.zip ?? "",
        }}
      />
    </Card>
  );
}
