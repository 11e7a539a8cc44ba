import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { staffPage } from "@/lib/auth/page-guards";
import { getStatementForStaffOrThrow } from "@/lib/statements/queries";
import { recordStaffView } from "@/lib/audit/record";
import { getRequestContext } from "@/lib/request-context";
import { orNotFound } from "@/lib/not-found";

export const metadata: Metadata = { title: "Staff · Statement" };

export default async function StaffStatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }] = await Promise.all([staffPage("accounts.view"), params]);
  const statement = await orNotFound(
    getStatementForStaffOrThrow({ practiceId: actor.practiceId, statementId }),
  );
  await recordStaffView({
    actor,
    target: { type: "Statement", id: statement.id },
    context: await getRequestContext(),
    metadata: { accountId: statement.account.id },
  });
  return (
    <>
      <PageTitle
        back={{
          href: `/staff/accounts/${statement.account.id}`,
          label: `Account ${statement.account.accountNumber}`,
        }}
      >
        Statement {statement.statementNumber}
      </PageTitle>
      <StatementDetail statement={statement} />
    </>
  );
}
