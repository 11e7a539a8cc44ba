import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { staffPage } from "@/lib/auth/page-guards";
import { getStatementForStaffOrThrow } from "@/lib/statements/queries";
import { recordAudit } from "@/lib/audit/record";
import { getRequestContext } from "@/lib/request-context";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Staff · Statement" };

export default async function StaffStatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([staffPage("accounts.view"), params]);
  const statement = await getStatementForStaffOrThrow({ statementId }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  await recordAudit({
    actor: { kind: "user", userId: actor.userId, role: actor.role, label: actor.email },
    action: "staff.view_statement",
    target: { type: "Statement", id: statement.id },
    context: await getRequestContext(),
    metadata: { accountId: statement.account.id },
  });
  return (
    <>
      <Link
        href={`/staff/accounts/${statement.account.id}`}
        className="text-brand-700 underline underline-offset-2"
      >
        ← Account {statement.account.accountNumber}
      </Link>
      <div className="mt-4">
        <PageTitle>Statement {statement.statementNumber}</PageTitle>
      </div>
      <StatementDetail statement={statement} />
    </>
  );
}
