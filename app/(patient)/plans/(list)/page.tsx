import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { DocumentLink } from "@/components/ui/document-link";
import { buttonClass } from "@/components/ui/button-class";
import { PlanList } from "@/components/plans/plan-list";
import { patientPage } from "@/lib/auth/page-guards";
import { listPlansForUser } from "@/lib/plans/queries";

export const metadata: Metadata = { title: "Payment plans" };

export default async function PlansPage() {
  const actor = await patientPage();
  const plans = await listPlansForUser(actor.userId);
  return (
    <>
      <PageTitle description="Spread a balance over weekly, every-two-weeks or monthly payments, with no interest or fees.">
        Payment plans
      </PageTitle>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">Your plans</h2>
          <DocumentLink href="/plans/new" className={buttonClass("primary")}>
            Set up a payment plan
          </DocumentLink>
        </div>
        <PlanList plans={plans} hrefFor={(id) => `/plans/${id}`} />
      </Card>
    </>
  );
}
