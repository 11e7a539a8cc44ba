import type { Metadata } from "next";
import { ProfileSection } from "@/components/profile/profile-section";
import { Notice } from "@/components/ui/form-message";
import { CancelEmailChangeForm, ChangeEmailForm } from "@/components/profile/change-email-form";
import { patientPage } from "@/lib/auth/page-guards";
import { DEFAULT_TIME_ZONE, formatInstant } from "@/lib/dates";
import { getPendingEmailChange, getProfile } from "@/lib/profile/queries";

export const metadata: Metadata = { title: "Email address · Profile" };

export default async function ProfileEmailPage() {
  const actor = await patientPage();
  const [profile, pending] = await Promise.all([
    getProfile({ userId: actor.userId }),
    getPendingEmailChange({ userId: actor.userId }),
  ]);
  return (
    <>
      <ProfileSection
        title="Email address"
        intro={
          <>
            You sign in with <strong className="break-all">{profile.email}</strong>, and we send receipts and
            notices there.
          </>
        }
      >
        {pending ? (
          <section aria-labelledby="pending-change" className="mb-6">
            <Notice tone="warning">
              <h3 id="pending-change" className="font-semibold">
                Waiting for confirmation
              </h3>
              <p className="mb-3">
                You asked to change it to <strong className="break-all">{pending.email}</strong> on{" "}
                {formatInstant(pending.createdAt, DEFAULT_TIME_ZONE)}. Open the link we sent there (it works
                until {formatInstant(pending.expiresAt, DEFAULT_TIME_ZONE)}); until then your email stays the
                same.
              </p>
              <CancelEmailChangeForm />
            </Notice>
          </section>
        ) : null}
        <h3 className="mb-2 text-lg font-semibold">Change your email address</h3>
        <p className="mb-4 text-slate-700">
          We send a link to the new address. Your email changes when you open it and confirm. An address that
          another login uses can&apos;t be used.
        </p>
        <ChangeEmailForm currentEmail={profile.email} />
      </ProfileSection>
    </>
  );
}
