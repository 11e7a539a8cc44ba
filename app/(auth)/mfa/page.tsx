import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/mfa-forms";
import { PageTitle } from "@/components/ui/card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Enter your code" };

/**
 * The second step of signing in (a user with TOTP whose session has not passed it yet), and the
 * step-up before a refund or a user change (a session that passed it more than 15 minutes ago).
 */
export default async function SecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSession();
  if (!session) redirect("/login");
  const callbackUrl = safeCallbackUrl(params.callbackUrl, homeFor(session.role));
  const owed = secondFactorOwed(session);
  if (owed === "enrol") redirect(secondFactorPath("enrol", callbackUrl));
  if (!session.hasTotp) redirect(callbackUrl);
  const isStepUp = owed === "none";
  return (
    <>
      <PageTitle
        description={
          isStepUp
            ? "For your security, confirm it's you before you go on."
            : "Open your authenticator app and enter the code it shows for this portal."
        }
      >
        {isStepUp ? "Confirm it's you" : "Enter your code"}
      </PageTitle>
      <SecondFactorForm callbackUrl={callbackUrl} />
      <div className="mt-6">
        <SignOutButton />
      </div>
    </>
  );
}
