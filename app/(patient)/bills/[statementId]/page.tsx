import type { Metadata } from "next";
import { PdfDownloadLink } from "@/components/documents/pdf-download-link";
import { PayLink } from "@/components/payments/pay-link";
import { BackLink, PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { patientPage } from "@/lib/auth/page-guards";
import { getStatementForPatientOrThrow } from "@/lib/statements/queries";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([patientPage(), params]);
  const statement = await orNotFound(getStatementForPatientOrThrow({ userId: actor.userId, statementId }));
  return (
    <>
      <BackLink href="/bills">All bills</BackLink>
      <div className="mt-4 flex flex-wrap items-start justify-between gap-4">
        <PageTitle>Statement {statement.statementNumber}</PageTitle>
        <div className="flex flex-wrap gap-2">
          {statement.balanceCents > 0 ? (
            <PayLink href={`/pay?statement=${statement.id}`}>Pay this statement</PayLink>
          ) : null}
          <PdfDownloadLink href={`/bills/${statement.id}/pdf`}>
            Download itemized statement (PDF)
          </PdfDownloadLink>
        </div>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}
