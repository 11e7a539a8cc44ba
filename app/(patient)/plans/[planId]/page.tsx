import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { PlanDetail } from "@/components/plans/plan-detail";
import { actingPatient } from "@/lib/audit/actor";
import { patientPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import {
  cancelPlanAction,
  changePlanMethodAction,
  payPlanExtraAction,
  skipPlanInstallmentAction,
} from "@/lib/plans/actions";
import { getPlanDetail } from "@/lib/plans/queries";

export const metadata: Metadata = { title: "Payment plan" };

export default async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [actor, { planId }, { created }] = await Promise.all([patientPage(), params, searchParams]);
  const plan = await orNotFound(getPlanDetail(actingPatient(actor), planId));
  return (
    <>
      <PageTitle
        back={{ href: "/plans", label: "Payment plans" }}
        description={`Statements ${plan.statementNumbers.join(", ")}`}
      >
        Payment plan
      </PageTitle>
      {created ? (
        <div className="mb-4">
          <Notice tone="success">
            Your payment plan is set up. We&apos;ll email you before each charge.
          </Notice>
        </div>
      ) : null}
      <PlanDetail
        plan={plan}
        actions={{
          changeMethod: changePlanMethodAction,
          payExtra: payPlanExtraAction,
          skip: skipPlanInstallmentAction,
          cancel: cancelPlanAction,
        }}
      />
    </>
  );
}
