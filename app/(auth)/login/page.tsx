import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { PasskeySignInButton } from "@/components/auth/passkey-buttons";
import { Notice } from "@/components/ui/form-message";
import { PageTitle } from "@/components/ui/card";
import { getSession, secondFactorOwed } from "@/lib/auth/session";
import { homeFor, safeCallbackUrl, secondFactorPath } from "@/lib/auth/redirects";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Login"))("title") };
}

/** Why the login page was opened (`?reason=`), each a message of Login. */
const REASONS = ["idle", "verified", "reset", "signedout"] as const;
const isReason = (reason: string | undefined): reason is (typeof REASONS)[number] =>
  (REASONS as readonly (string | undefined)[]).includes(reason);

async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Signed in already: home, or on to the second factor this session still owes.
  const session = await getSession();
  if (session) {
    const owed = secondFactorOwed(session);
    redirect(owed === "none" ? homeFor(session.role) : secondFactorPath(owed, callbackUrl));
  }
  const t = await getTranslations("Login");
  const reason = isReason(params.reason) ? t(params.reason) : undefined;
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
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
          {t("forgot")}
        </Link>
        <Link
          href={callbackUrl === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="text-brand-700 underline underline-offset-2"
        >
          {t("createLogin")}
        </Link>
      </div>
    </>
  );
}

export default withMessages(["Login", "MfaForms", "Passkeys", "ServerErrors"], LoginPage);
