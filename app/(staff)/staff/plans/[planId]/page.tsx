import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { PlanDetail } from "@/components/plans/plan-detail";
import { actingStaff } from "@/lib/audit/actor";
import { recordStaffView } from "@/lib/audit/record";
import { staffPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import { getAgreementEmailState, getPlanDetail, type TAgreementEmailState } from "@/lib/plans/queries";
import {
  staffCancelPlanAction,
  staffChangePlanMethodAction,
  staffPayPlanExtraAction,
  staffSkipPlanInstallmentAction,
} from "@/lib/plans/staff-actions";
import { getRequestContext } from "@/lib/request-context";

export const metadata: Metadata = { title: "Staff · Payment plan" };

/** What staff are told of the agreement email of the plan they just set up (only what is so). */
const agreementNotice = (email: TAgreementEmailState) => {
  switch (email.kind) {
    case "sent":
      return `The agreement was emailed to ${email.to}.`;
    case "due":
      return `The agreement will be emailed to ${email.to} (the email did not go out yet; it is tried again every few minutes).`;
    case "no-address":
      return "There is no email address on file for this patient, so the agreement was not emailed: print the agreement below and give the patient the copy.";
    case "none":
      return null;
  }
};

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
  const agreementEmail = created ? await getAgreementEmailState(plan.id) : null;
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
      {agreementEmail ? (
        <div className="mb-4">
          <Notice tone="success">
            The plan is set up. {agreementNotice(agreementEmail)}{" "}
            {agreementEmail.kind === "no-address" ? (
              <a href="#agreement" className="text-brand-700 underline underline-offset-2">
                Go to the agreement
              </a>
            ) : null}
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
