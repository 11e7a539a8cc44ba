import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { GuestLookupForm } from "@/components/guest/guest-lookup-form";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("GuestLookup"))("title") };
}

async function GuestLookupPage({
  searchParams,
}: {
  searchParams: Promise<{ ended?: string; expired?: string }>;
}) {
  const params = await searchParams;
  const t = await getTranslations("GuestLookup");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      {params.expired ? (
        <div className="mb-4">
          <Notice tone="warning">{t("expired")}</Notice>
        </div>
      ) : null}
      {params.ended ? (
        <div className="mb-4">
          <Notice tone="success">{t("ended")}</Notice>
        </div>
      ) : null}
      <Card>
        <GuestLookupForm />
      </Card>
    </div>
  );
}

export default withMessages(["GuestLookup", "ServerErrors", "StatementProof"], GuestLookupPage);
