import type { Metadata } from "next";
import { EnglishOnly } from "@/components/english-only";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/mfa-forms";
import { PasskeySecondFactorButton } from "@/components/auth/passkey-buttons";
import { PageTitle } from "@/components/ui/card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { hasSecondFactor } from "@/lib/auth/mfa/policy";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Second step of signing in" };

/**
 * The second step of signing in (a user with a second factor whose session has not passed it
 * yet), and the step-up before a refund, a user change or removing a passkey (a session that
 * passed it more than 15 minutes ago). A passkey, when the user has one, beside the TOTP code
 * and the recovery codes (when the user has TOTP).
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
  if (!hasSecondFactor(session)) redirect(callbackUrl);
  const isStepUp = owed === "none";
  const { hasTotp, hasPasskey } = session;
  const description = isStepUp
    ? "For your security, confirm it's you before you go on."
    : hasPasskey && hasTotp
      ? "Use your passkey, or enter the code your authenticator app shows for this portal."
      : hasPasskey
        ? "Use your passkey to finish signing in."
        : "Open your authenticator app and enter the code it shows for this portal.";
  return (
    // Not translated yet (docs/i18n.md).
    <EnglishOnly>
      <PageTitle description={description}>
        {isStepUp || hasPasskey ? "Confirm it's you" : "Enter your code"}
      </PageTitle>
      <div className="flex flex-col gap-6">
        {hasPasskey ? <PasskeySecondFactorButton callbackUrl={callbackUrl} /> : null}
        {hasPasskey && hasTotp ? <p className="text-slate-700">or</p> : null}
        {hasTotp ? <SecondFactorForm callbackUrl={callbackUrl} /> : null}
      </div>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </EnglishOnly>
  );
}
