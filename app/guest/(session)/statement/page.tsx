import type { Metadata } from "next";
import { PdfDownloadLink } from "@/components/documents/pdf-download-link";
import { PayLink } from "@/components/payments/pay-link";
import { redirect } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { EndGuestSessionButton } from "@/components/guest/end-guest-session-button";
import { getGuestStatement } from "@/lib/guest/queries";

export const metadata: Metadata = { title: "Your statement" };

export default async function GuestStatementPage() {
  const guest = await getGuestStatement();
  if (guest.status === "none") redirect("/guest");
  if (guest.status === "expired") redirect("/guest?expired=1");
  const { statement } = guest;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle description="You are viewing this statement as a guest. The session ends after 15 minutes.">
          Your statement
        </PageTitle>
        <div className="flex flex-wrap gap-2">
          {statement.balanceCents > 0 ? <PayLink href="/guest/pay">Pay this statement</PayLink> : null}
          <PdfDownloadLink href="/guest/statement/pdf">Download itemized statement (PDF)</PdfDownloadLink>
          <EndGuestSessionButton />
        </div>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}
