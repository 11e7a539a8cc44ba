import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
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
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Plans"))("planTitle") };
}

async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [actor, { planId }, { created }, t, locale] = await Promise.all([
    patientPage(),
    params,
    searchParams,
    getTranslations("Plans"),
    getLocale(),
  ]);
  const plan = await orNotFound(getPlanDetail(actingPatient(actor), planId, locale));
  return (
    <>
      <PageTitle
        back={{ href: "/plans", label: t("title") }}
        description={t("statementsLine", { numbers: plan.statementNumbers.join(", ") })}
      >
        {t("planTitle")}
      </PageTitle>
      {created ? (
        <div className="mb-4">
          <Notice tone="success">{t("created")}</Notice>
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

export default withMessages(["PlanActions", "PlanErrors", "ServerErrors"], PlanPage);
