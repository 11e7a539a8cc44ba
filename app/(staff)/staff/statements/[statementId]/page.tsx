import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { StatementDetail } from "@/components/statements/statement-detail";
import { staffPage } from "@/lib/auth/page-guards";
import { getStatementForStaffOrThrow } from "@/lib/statements/queries";
import { recordStaffView } from "@/lib/audit/record";
import { getRequestContext } from "@/lib/request-context";
import { orNotFound } from "@/lib/not-found";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffStatement");
  return { title: t("metaTitle") };
}

export default async function StaffStatementPage({ params }: { params: Promise<{ statementId: string }> }) {
  const [actor, { statementId }, t] = await Promise.all([
    staffPage("accounts.view"),
    params,
    getTranslations("StaffStatement"),
  ]);
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
          label: t("back", { number: statement.account.accountNumber }),
        }}
      >
        {t("title", { number: statement.statementNumber })}
      </PageTitle>
      <StatementDetail statement={statement} />
    </>
  );
}
