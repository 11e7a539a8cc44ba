import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { ProfileSection } from "@/components/profile/profile-section";
import { DisableTotpForm } from "@/components/auth/mfa-forms";
import { buttonClass } from "@/components/ui/button-class";
import { patientPage } from "@/lib/auth/page-guards";
import { getSession } from "@/lib/auth/session";
import { remainingRecoveryCodes } from "@/lib/auth/mfa/second-factor";
import { PasskeyList } from "@/components/auth/passkey-list";
import { scheduleTimeZone } from "@/lib/practice";
import { withMessages } from "@/components/i18n/messages-for";

/** Passkeys: sign in without a password (the profile's second card). */
const Passkeys = async ({ userId }: { userId: string }) => {
  const t = await getTranslations("ProfileSecurity");
  return (
    <ProfileSection title={t("passkeysTitle")} intro={t("passkeysIntro")}>
      <PasskeyList userId={userId} timeZone={await scheduleTimeZone()} returnTo="/profile/security" />
    </ProfileSection>
  );
};

export const generateMetadata = () => profileMetadata("security");

/** A patient turns TOTP on (enrolment) or off (with a code). */
async function ProfileSecurityPage() {
  const actor = await patientPage();
  const [session, t] = await Promise.all([getSession(), getTranslations("ProfileSecurity")]);
  if (!session?.hasTotp) {
    return (
      <>
        <ProfileSection title={t("title")} intro={t("introOff")}>
          <Link href="/mfa/enrol?callbackUrl=%2Fprofile%2Fsecurity" className={buttonClass("primary")}>
            {t("setUp")}
          </Link>
        </ProfileSection>
        <Passkeys userId={actor.userId} />
      </>
    );
  }
  const remaining = await remainingRecoveryCodes(actor.userId);
  return (
    <>
      <ProfileSection
        title={t("title")}
        intro={t.rich("introOn", { remaining, strong: (chunks) => <strong>{chunks}</strong> })}
      >
        <DisableTotpForm />
      </ProfileSection>
      <Passkeys userId={actor.userId} />
    </>
  );
}

export default withMessages(
  ["Login", "MfaForms", "Passkeys", "ProfileErrors", "ServerErrors", "SharingErrors"],
  ProfileSecurityPage,
);
