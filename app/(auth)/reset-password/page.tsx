import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ResetPassword"))("title") };
}

async function ResetPasswordPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  const t = await getTranslations("ResetPassword");
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <ResetPasswordForm token={token} />
    </>
  );
}

export default withMessages(
  ["AccountFields", "ForgotPassword", "ResetPassword", "ServerErrors", "SignUp", "VerifyEmail"],
  ResetPasswordPage,
);
