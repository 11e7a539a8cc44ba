import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { PlanForm } from "@/components/plans/plan-form";
import { patientPage } from "@/lib/auth/page-guards";
import { createPlanAction } from "@/lib/plans/actions";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { getPlanFormOptions } from "@/lib/plans/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Plans"))("setUp") };
}

async function NewPlanPage() {
  const actor = await patientPage();
  const [t, locale] = await Promise.all([getTranslations("Plans"), getLocale()]);
  const options = await getPlanFormOptions(actor.userId, locale);
  return (
    <>
      <PageTitle back={{ href: "/plans", label: t("title") }} description={t("newDescription")}>
        {t("setUp")}
      </PageTitle>
      <Card>
        {options.accounts.length === 0 ? (
          <p>{t("nothingToPlan")}</p>
        ) : (
          <PlanForm options={options} action={createPlanAction} hostedFields={getHostedFieldsConfig()} />
        )}
      </Card>
    </>
  );
}

export default withMessages(
  ["HostedFields", "NewMethod", "PlanErrors", "PlanForm", "PlanWords", "ServerErrors"],
  NewPlanPage,
);
