import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("SignUp"))("title") };
}

// From an invitation, callbackUrl is its page: the verification link carries it, so the new
// patient signs in and lands back on the invitation. Only a path of ours is kept.
async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const checked = safeCallbackUrl((await searchParams).callbackUrl, "");
  const callbackUrl = checked === "/" ? "" : checked;
  const t = await getTranslations("SignUp");
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-6">
        {t("haveLogin")}{" "}
        <Link
          href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login"}
          className="text-brand-700 underline underline-offset-2"
        >
          {t("signIn")}
        </Link>
      </p>
    </>
  );
}

export default withMessages(
  ["AccountFields", "ForgotPassword", "ResetPassword", "ServerErrors", "SignUp", "VerifyEmail"],
  SignUpPage,
);
