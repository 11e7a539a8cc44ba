import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PdfDownloadLink } from "@/components/documents/pdf-download-link";
import { PayLink } from "@/components/payments/pay-link";
import { redirect } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { EndGuestSessionButton } from "@/components/guest/end-guest-session-button";
import { getGuestStatement } from "@/lib/guest/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("GuestStatement"))("title") };
}

async function GuestStatementPage() {
  const guest = await getGuestStatement();
  if (guest.status === "none") redirect("/guest");
  if (guest.status === "expired") redirect("/guest?expired=1");
  const { statement } = guest;
  const t = await getTranslations("GuestStatement");
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle description={t("description")}>{t("title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          {statement.balanceCents > 0 ? <PayLink href="/guest/pay">{t("pay")}</PayLink> : null}
          <PdfDownloadLink href="/guest/statement/pdf">{t("downloadPdf")}</PdfDownloadLink>
          <EndGuestSessionButton />
        </div>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}

export default withMessages(["GuestStatement"], GuestStatementPage);
