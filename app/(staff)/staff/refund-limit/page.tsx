import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getLargeRefundThreshold } from "@/lib/payments/refund-threshold";
import { centsToInput } from "@/lib/payments/staff-schemas";
import { RefundLimitForm } from "./_components/refund-limit-form";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffRefundLimit");
  return { title: t("metaTitle") };
}

async function RefundLimitPage() {
  const actor = await staffPage("settings.manage");
  const [thresholdCents, t] = await Promise.all([
    getLargeRefundThreshold(actor.practiceId),
    getTranslations("StaffRefundLimit"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <RefundLimitForm saved={centsToInput(thresholdCents)} />
      </Card>
    </>
  );
}

export default withStaffMessages(["StaffRefundLimit"], RefundLimitPage);
