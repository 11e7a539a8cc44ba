import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { PlanForm } from "@/components/plans/plan-form";
import { recordStaffView } from "@/lib/audit/record";
import { staffPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import { getStaffPlanFormOptions } from "@/lib/plans/queries";
import { staffCreatePlanAction } from "@/lib/plans/staff-actions";
import { getRequestContext } from "@/lib/request-context";
import { getAccountForStaffOrThrow } from "@/lib/staff/queries";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffNewPlan");
  return { title: t("metaTitle") };
}

/**
 * Staff (`plans.manage`) set up a payment plan for the account's patient, at the desk or on the
 * phone: the patient's plan form, plus how the patient agreed (docs/billing-office.md).
 */
async function StaffNewPlanPage({ params }: { params: Promise<{ accountId: string }> }) {
  const [actor, { accountId }, t] = await Promise.all([
    staffPage("plans.manage"),
    params,
    getTranslations("StaffNewPlan"),
  ]);
  const scope = { practiceId: actor.practiceId, accountId };
  const [account, options] = await Promise.all([
    orNotFound(getAccountForStaffOrThrow(scope)),
    getStaffPlanFormOptions(scope),
  ]);
  await recordStaffView({
    actor,
    target: { type: "Account", id: account.id },
    context: await getRequestContext(),
    metadata: { page: "new-plan" },
  });
  return (
    <>
      <PageTitle
        back={{ href: `/staff/accounts/${account.id}`, label: t("back", { number: account.accountNumber }) }}
        description={t("description", {
          firstName: account.guarantorFirstName,
          lastName: account.guarantorLastName,
        })}
      >
        {t("title")}
      </PageTitle>
      <Card>
        {options.accounts.length === 0 ? (
          <p>{t("nothingOpen")}</p>
        ) : (
          <PlanForm options={options} action={staffCreatePlanAction} staff={{ accountId: account.id }} />
        )}
      </Card>
    </>
  );
}

export default withStaffMessages(
  ["HostedFields", "NewMethod", "PlanErrors", "PlanForm", "PlanWords", "ServerErrors"],
  StaffNewPlanPage,
);
