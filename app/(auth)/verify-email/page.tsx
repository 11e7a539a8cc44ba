import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyEmailForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { linkToken } from "@/lib/auth/link-token";
import { safeCallbackUrl } from "@/lib/auth/redirects";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("VerifyEmail"))("metaTitle") };
}

// The link only opens this page; the token is spent by the button, so a mail scanner that
// follows links cannot use it up.
// A sign-up from an invitation carries the invitation's path (callbackUrl), which the sign-in
// link passes on; only a path of ours is kept.
async function VerifyEmailPage(props: { searchParams: Promise<{ token?: string; callbackUrl?: string }> }) {
  const token = await linkToken(props);
  const callbackUrl = safeCallbackUrl((await props.searchParams).callbackUrl, "");
  const t = await getTranslations("VerifyEmail");
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <VerifyEmailForm token={token} callbackUrl={callbackUrl === "/" ? "" : callbackUrl} />
    </>
  );
}

export default withMessages(
  ["AccountFields", "ForgotPassword", "ResetPassword", "ServerErrors", "SignUp", "VerifyEmail"],
  VerifyEmailPage,
);
