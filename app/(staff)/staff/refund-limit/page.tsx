import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getLargeRefundThreshold } from "@/lib/payments/refund-threshold";
import { centsToInput } from "@/lib/payments/staff-schemas";
import { RefundLimitForm } from "./_components/refund-limit-form";

export const metadata: Metadata = { title: "Staff · Refund limit" };

export default async function RefundLimitPage() {
  const actor = await staffPage("settings.manage");
  const thresholdCents = await getLargeRefundThreshold(actor.practiceId);
  return (
    <>
      <PageTitle description="A refund above this amount needs a billing manager or an administrator (the payments.refund.large permission); billing clerks refund up to it.">
        Large-refund limit
      </PageTitle>
      <Card>
        <RefundLimitForm saved={centsToInput(thresholdCents)} />
      </Card>
    </>
  );
}
