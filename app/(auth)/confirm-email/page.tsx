import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmEmailChangeForm } from "@/components/profile/confirm-email-change-form";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";
import { Notice } from "@/components/ui/form-message";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ConfirmEmailChange"))("metaTitle") };
}

// The emailed link only opens this page; the change happens when the button is pressed, so a
// mail scanner that follows links cannot make it (or use the link up). No session is needed:
// the link may be opened on another device; the token is the proof.
async function ConfirmEmailPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  const t = await getTranslations("ConfirmEmailChange");
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      {token.length < 10 ? (
        <Notice tone="warning">{t("incomplete")}</Notice>
      ) : (
        <ConfirmEmailChangeForm token={token} />
      )}
    </>
  );
}

export default withMessages(["ConfirmEmailChange", "ServerErrors"], ConfirmEmailPage);
