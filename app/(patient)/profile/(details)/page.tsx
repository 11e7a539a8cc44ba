import { getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { ContactDetailsForm } from "@/components/profile/contact-details-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatUsPhone } from "@/lib/profile/phone";
import { getProfile } from "@/lib/profile/queries";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("details");

async function ProfileDetailsPage() {
  const actor = await patientPage();
  const [profile, t] = await Promise.all([
    getProfile({ userId: actor.userId }),
    getTranslations("ProfileDetails"),
  ]);
  return (
    <ProfileSection title={t("title")} intro={t("intro")}>
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

export default withMessages(
  ["AccountFields", "ProfileDetails", "ProfileErrors", "ServerErrors", "SharingErrors"],
  ProfileDetailsPage,
);
