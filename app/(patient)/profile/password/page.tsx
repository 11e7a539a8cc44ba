import type { Metadata } from "next";
import { ProfileSection } from "@/components/profile/profile-section";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { patientPage } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Password · Profile" };

export default async function ProfilePasswordPage() {
  await patientPage();
  return (
    <ProfileSection
      title="Change your password"
      intro={
        <>
          After the change you stay signed in here, and every other browser or device signed in to your login
          is signed out. We email you when your password changes.
        </>
      }
    >
      <ChangePasswordForm />
    </ProfileSection>
  );
}
