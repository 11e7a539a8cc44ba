import type { Metadata } from "next";
import Link from "next/link";
import { ProfileSection } from "@/components/profile/profile-section";
import { DisableTotpForm } from "@/components/auth/mfa-forms";
import { buttonClass } from "@/components/ui/button-class";
import { patientPage } from "@/lib/auth/page-guards";
import { getSession } from "@/lib/auth/session";
import { remainingRecoveryCodes } from "@/lib/auth/mfa/second-factor";
import { PasskeyList } from "@/components/auth/passkey-list";
import { scheduleTimeZone } from "@/lib/practice";

/** Passkeys: sign in without a password (the profile's second card). */
const Passkeys = async ({ userId }: { userId: string }) => (
  <ProfileSection
    title="Passkeys"
    intro={
      <>
        A passkey signs you in with your phone or computer&apos;s fingerprint, face or screen lock, without a
        password. With two-step sign-in on, it can also be the second step after your password.
      </>
    }
  >
    <PasskeyList userId={userId} timeZone={await scheduleTimeZone()} returnTo="/profile/security" />
  </ProfileSection>
);

export const metadata: Metadata = { title: "Two-step sign-in · Profile" };

/** A patient turns TOTP on (enrolment) or off (with a code). */
export default async function ProfileSecurityPage() {
  const actor = await patientPage();
  const session = await getSession();
  if (!session?.hasTotp) {
    return (
      <>
        <ProfileSection
          title="Two-step sign-in"
          intro={
            <>
              Add a second step to signing in: after your password, a code from an authenticator app on your
              phone. Someone who learns your password still cannot sign in.
            </>
          }
        >
          <Link href="/mfa/enrol?callbackUrl=%2Fprofile%2Fsecurity" className={buttonClass("primary")}>
            Set up two-step sign-in
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
        title="Two-step sign-in"
        intro={
          <>
            Two-step sign-in is <strong>on</strong>: signing in asks for a code from your authenticator app,
            or for one of your passkeys. You have {remaining} unused recovery{" "}
            {remaining === 1 ? "code" : "codes"}. To turn it off, enter a code.
          </>
        }
      >
        <DisableTotpForm />
      </ProfileSection>
      <Passkeys userId={actor.userId} />
    </>
  );
}
