import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ForgotPassword"))("metaTitle") };
}

async function ForgotPasswordPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <ForgotPasswordForm />
    </>
  );
}

export default withMessages(
  ["AccountFields", "ForgotPassword", "ResetPassword", "ServerErrors", "SignUp", "VerifyEmail"],
  ForgotPasswordPage,
);
