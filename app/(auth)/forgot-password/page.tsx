import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ForgotPassword"))("metaTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <ForgotPasswordForm />
    </>
  );
}
