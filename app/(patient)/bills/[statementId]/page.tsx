import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { patientPage } from "@/lib/auth/page-guards";
import { getStatementForPatientOrThrow } from "@/lib/statements/queries";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([patientPage(), params]);
  const statement = await getStatementForPatientOrThrow({ userId: actor.userId, statementId }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <Link href="/bills" className="text-brand-700 underline underline-offset-2">
        ← All bills
      </Link>
      <div className="mt-4">
        <PageTitle>Statement {statement.statementNumber}</PageTitle>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}
