import type { Metadata } from "next";
import Link from "next/link";
import { ProfileSection } from "@/components/profile/profile-section";
import { DisableTotpForm } from "@/components/auth/mfa-forms";
import { buttonClass } from "@/components/ui/button-class";
import { patientPage } from "@/lib/auth/page-guards";
import { getSession } from "@/lib/auth/session";
import { remainingRecoveryCodes } from "@/lib/auth/mfa/second-factor";

export const metadata: Metadata = { title: "Two-step sign-in · Profile" };

/** A patient turns TOTP on (enrolment) or off (with a code). */
export default async function ProfileSecurityPage() {
  const actor = await patientPage();
  const session = await getSession();
  if (!session?.hasTotp) {
    return (
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
    );
  }
  const remaining = await remainingRecoveryCodes(actor.userId);
  return (
    <ProfileSection
      title="Two-step sign-in"
      intro={
        <>
          Two-step sign-in is <strong>on</strong>: signing in asks for a code from your authenticator app. You
          have {remaining} unused recovery {remaining === 1 ? "code" : "codes"}. To turn it off, enter a code.
        </>
      }
    >
      <DisableTotpForm />
    </ProfileSection>
  );
}
