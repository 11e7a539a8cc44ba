import type { Metadata } from "next";
import { ProfileSection } from "@/components/profile/profile-section";
import { ContactDetailsForm } from "@/components/profile/contact-details-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { getProfile } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Your details · Profile" };

export default async function ProfileDetailsPage() {
  const actor = await patientPage();
  const profile = await getProfile({ userId: actor.userId });
  return (
    <ProfileSection
      title="Your details"
      intro={
        <>Your name as the billing office knows you, a phone number, and where paper statements are mailed.</>
      }
    >
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
    </ProfileSection>
  );
}
