import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { DocumentLink } from "@/components/ui/document-link";
import { buttonClass } from "@/components/ui/button-class";
import { PlanList } from "@/components/plans/plan-list";
import { patientPage } from "@/lib/auth/page-guards";
import { listPlansForUser } from "@/lib/plans/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Plans"))("title") };
}

export default async function PlansPage() {
  const actor = await patientPage();
  const [plans, t] = await Promise.all([listPlansForUser(actor.userId), getTranslations("Plans")]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{t("yourPlans")}</h2>
          <DocumentLink href="/plans/new" className={buttonClass("primary")}>
            {t("setUp")}
          </DocumentLink>
        </div>
        <PlanList plans={plans} hrefFor={(id) => `/plans/${id}`} />
      </Card>
    </>
  );
}
