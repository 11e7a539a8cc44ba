import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { YearlySummaryLinks } from "@/components/documents/yearly-summary-links";
import { PaymentHistory } from "@/components/receipts/payment-history";
import { patientPage } from "@/lib/auth/page-guards";
import { listSummaryYearsForPatient } from "@/lib/documents/queries";
import { listPaymentHistoryForPatient, PAYMENT_HISTORY_LIMIT } from "@/lib/receipts/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Payments"))("title") };
}

export default async function PaymentsPage() {
  const actor = await patientPage();
  const [payments, summaryYears, t] = await Promise.all([
    listPaymentHistoryForPatient({ userId: actor.userId }),
    listSummaryYearsForPatient({ userId: actor.userId }),
    getTranslations("Payments"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <PaymentHistory payments={payments} />
        {payments.length === PAYMENT_HISTORY_LIMIT ? (
          <p className="mt-4 text-sm text-slate-700">{t("limit", { count: PAYMENT_HISTORY_LIMIT })}</p>
        ) : null}
      </Card>
      <YearlySummaryLinks accounts={summaryYears} />
    </>
  );
}
