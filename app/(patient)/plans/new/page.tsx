import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { PlanForm } from "@/components/plans/plan-form";
import { patientPage } from "@/lib/auth/page-guards";
import { createPlanAction } from "@/lib/plans/actions";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { getPlanFormOptions } from "@/lib/plans/queries";

export const metadata: Metadata = { title: "Set up a payment plan" };

export default async function NewPlanPage() {
  const actor = await patientPage();
  const options = await getPlanFormOptions(actor.userId);
  return (
    <>
      <PageTitle
        back={{ href: "/plans", label: "Payment plans" }}
        description="Choose the statements, how much and how often; you'll see the full schedule before you agree."
      >
        Set up a payment plan
      </PageTitle>
      <Card>
        {options.accounts.length === 0 ? (
          <p>You have no open statements that could go into a plan.</p>
        ) : (
          <PlanForm options={options} action={createPlanAction} hostedFields={getHostedFieldsConfig()} />
        )}
      </Card>
    </>
  );
}
