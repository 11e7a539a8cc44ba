import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PdfDownloadLink } from "@/components/documents/pdf-download-link";
import { PayLink } from "@/components/payments/pay-link";
import { BackLink, PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { getAccountRelation } from "@/lib/access/queries";
import { scopeAllows } from "@/lib/access/scope";
import { patientPage } from "@/lib/auth/page-guards";
import { getStatementForPatientOrThrow } from "@/lib/statements/queries";
import { orNotFound } from "@/lib/not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("StatementPage"))("title") };
}

export default async function StatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }, t] = await Promise.all([
    patientPage(),
    params,
    getTranslations("StatementPage"),
  ]);
  const statement = await orNotFound(getStatementForPatientOrThrow({ userId: actor.userId, statementId }));
  const relation = await getAccountRelation({ userId: actor.userId, accountId: statement.account.id });
  // The guarantor pays; an authorized payer only with PAY (lib/access/rule.ts checks it again in the action).
  const canPay =
    relation?.kind === "guarantor" || (relation?.kind === "payer" && scopeAllows(relation.scope, "pay"));
  return (
    <>
      <BackLink href="/bills">{t("allBills")}</BackLink>
      <div className="mt-4 flex flex-wrap items-start justify-between gap-4">
        <PageTitle description={relation?.kind === "payer" ? relation.label : undefined}>
          {t("heading", { number: statement.statementNumber })}
        </PageTitle>
        <div className="flex flex-wrap gap-2">
          {statement.balanceCents > 0 && canPay ? (
            <PayLink href={`/pay?statement=${statement.id}`}>{t("pay")}</PayLink>
          ) : null}
          <PdfDownloadLink href={`/bills/${statement.id}/pdf`}>{t("downloadPdf")}</PdfDownloadLink>
        </div>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}
