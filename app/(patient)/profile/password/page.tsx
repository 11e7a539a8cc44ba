import { getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { patientPage } from "@/lib/auth/page-guards";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("password");

async function ProfilePasswordPage() {
  await patientPage();
  const t = await getTranslations("ProfilePassword");
  return (
    <ProfileSection title={t("title")} intro={t("intro")}>
      <ChangePasswordForm />
    </ProfileSection>
  );
}

export default withMessages(
  ["AccountFields", "ProfileErrors", "ProfilePassword", "ServerErrors", "SharingErrors"],
  ProfilePasswordPage,
);
