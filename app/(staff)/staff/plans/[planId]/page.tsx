import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { PlanDetail } from "@/components/plans/plan-detail";
import { CancelledBy } from "@/components/staff/cancelled-by";
import { actingStaff } from "@/lib/audit/actor";
import { recordStaffView } from "@/lib/audit/record";
import { staffPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { getAgreementEmailState, getPlanDetail, type TAgreementEmailState } from "@/lib/plans/queries";
import {
  staffCancelPlanAction,
  staffChangePlanMethodAction,
  staffPayPlanExtraAction,
  staffSkipPlanInstallmentAction,
} from "@/lib/plans/staff-actions";
import { getRequestContext } from "@/lib/request-context";
import { describeCancellers } from "@/lib/access/cancelled-by";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffPlan");
  return { title: t("metaTitle") };
}

async function StaffPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [actor, { planId }, { created }, t] = await Promise.all([
    staffPage("plans.manage"),
    params,
    searchParams,
    getTranslations("StaffPlan"),
  ]);
  const plan = await orNotFound(getPlanDetail(actingStaff(actor), planId));
  const [agreementEmail, cancellers] = await Promise.all([
    created ? getAgreementEmailState(plan.id) : null,
    plan.status === "CANCELLED"
      ? describeCancellers({ accountId: plan.accountId, userIds: [plan.cancelledByUserId] })
      : null,
  ]);
  await recordStaffView({
    actor,
    target: { type: "PaymentPlan", id: plan.id },
    context: await getRequestContext(),
  });
  /** What staff are told of the agreement email of the plan they just set up (only what is so). */
  const agreementNotice = (email: TAgreementEmailState) => {
    switch (email.kind) {
      case "sent":
        return t("emailSent", { to: email.to });
      case "due":
        return t("emailDue", { to: email.to });
      case "no-address":
        return t("noAddress");
      case "none":
        return null;
    }
  };
  const statements = plan.statementNumbers.join(", ");
  return (
    <>
      <PageTitle
        back={{ href: "/staff/search", label: t("back") }}
        description={
          plan.patientName
            ? t("descriptionWithPatient", {
                accountNumber: plan.accountNumber,
                patientName: plan.patientName,
                statements,
              })
            : t("description", { accountNumber: plan.accountNumber, statements })
        }
      >
        {t("title")}
      </PageTitle>
      {agreementEmail ? (
        <div className="mb-4">
          <Notice tone="success">
            {t("created")} {agreementNotice(agreementEmail)}{" "}
            {agreementEmail.kind === "no-address" ? (
              <a href="#agreement" className="text-brand-700 underline underline-offset-2">
                {t("goToAgreement")}
              </a>
            ) : null}
          </Notice>
        </div>
      ) : null}
      {cancellers ? (
        <div className="mb-4">
          <Notice>
            {t("cancelled", { date: plan.cancelledAt ? formatDay(plan.cancelledAt) : "" })}{" "}
            <CancelledBy
              canceller={plan.cancelledByUserId ? cancellers.get(plan.cancelledByUserId) : undefined}
              kind="plan"
            />
            .
          </Notice>
        </div>
      ) : null}
      <PlanDetail
        plan={plan}
        isAgreementOpen={agreementEmail?.kind === "no-address"}
        actions={{
          changeMethod: staffChangePlanMethodAction,
          payExtra: staffPayPlanExtraAction,
          skip: staffSkipPlanInstallmentAction,
          cancel: staffCancelPlanAction,
        }}
      />
    </>
  );
}

export default withStaffMessages(["PlanActions", "PlanErrors", "ServerErrors"], StaffPlanPage);
