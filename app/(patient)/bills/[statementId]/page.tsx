import type { Metadata } from "next";
import { PdfDownloadLink } from "@/components/documents/pdf-download-link";
import { PayLink } from "@/components/payments/pay-link";
import { BackLink, PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { getAccountRelation } from "@/lib/access/queries";
import { scopeAllows } from "@/lib/access/scope";
import { patientPage } from "@/lib/auth/page-guards";
import { getStatementForPatientOrThrow } from "@/lib/statements/queries";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([patientPage(), params]);
  const statement = await orNotFound(getStatementForPatientOrThrow({ userId: actor.userId, statementId }));
  const relation = await getAccountRelation({ userId: actor.userId, accountId: statement.account.id });
  // The guarantor pays; an authorized payer only with PAY (lib/access/rule.ts checks it again in the action).
  const canPay =
    relation?.kind === "guarantor" || (relation?.kind === "payer" && scopeAllows(relation.scope, "pay"));
  return (
    <>
      <BackLink href="/bills">All bills</BackLink>
      <div className="mt-4 flex flex-wrap items-start justify-between gap-4">
        <PageTitle description={relation?.kind === "payer" ? relation.label : undefined}>
          Statement {statement.statementNumber}
        </PageTitle>
        <div className="flex flex-wrap gap-2">
          {statement.balanceCents > 0 && canPay ? (
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
