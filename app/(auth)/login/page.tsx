import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { PasskeySignInButton } from "@/components/auth/passkey-buttons";
import { Notice } from "@/components/ui/form-message";
import { PageTitle } from "@/components/ui/card";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  idle: "You were signed out after a period of inactivity, to protect your information.",
  verified: "Your email address is confirmed. You can sign in now.",
  reset: "Your password was changed. Sign in with your new password.",
  signedout: "You are signed out.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Signed in already: home, or on to the second factor this session still owes.
  const session = await getSession();
  if (session) {
    const owed = secondFactorOwed(session);
    redirect(owed === "none" ? homeFor(session.role) : secondFactorPath(owed, callbackUrl));
  }
  const reason = params.reason ? REASONS[params.reason] : undefined;
  return (
    <>
      <PageTitle description="Sign in to see and pay your bills.">Sign in</PageTitle>
      {reason ? (
        <div className="mb-4">
          <Notice tone={params.reason === "idle" ? "warning" : "success"}>{reason}</Notice>
        </div>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
      <div className="mt-4">
        <PasskeySignInButton callbackUrl={callbackUrl} />
      </div>
      <div className="mt-6 flex flex-col gap-2">
        <Link href="/forgot-password" className="text-brand-700 underline underline-offset-2">
          Forgot your password?
        </Link>
        <Link
          href={callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="text-brand-700 underline underline-offset-2"
        >
          Create a login
        </Link>
      </div>
    </>
  );
}
