import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { PlanDetail } from "@/components/plans/plan-detail";
import { actingStaff } from "@/lib/audit/actor";
import { recordStaffView } from "@/lib/audit/record";
import { staffPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import { getPlanDetail } from "@/lib/plans/queries";
import {
  staffCancelPlanAction,
  staffChangePlanMethodAction,
  staffPayPlanExtraAction,
  staffSkipPlanInstallmentAction,
} from "@/lib/plans/staff-actions";
import { getRequestContext } from "@/lib/request-context";

export const metadata: Metadata = { title: "Staff · Payment plan" };

export default async function StaffPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [actor, { planId }, { created }] = await Promise.all([
    staffPage("plans.manage"),
    params,
    searchParams,
  ]);
  const plan = await orNotFound(getPlanDetail(actingStaff(actor), planId));
  await recordStaffView({
    actor,
    target: { type: "PaymentPlan", id: plan.id },
    context: await getRequestContext(),
  });
  return (
    <>
      <PageTitle
        back={{ href: "/staff/search", label: "Search" }}
        description={`Account ${plan.accountNumber}${plan.patientName ? ` · ${plan.patientName}` : ""} · statements ${plan.statementNumbers.join(", ")}`}
      >
        Payment plan
      </PageTitle>
      {created ? (
        <div className="mb-4">
          <Notice tone="success">The plan is set up, and the patient has been emailed the agreement.</Notice>
        </div>
      ) : null}
      <PlanDetail
        plan={plan}
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
