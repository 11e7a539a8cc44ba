import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { YearlySummaryLinks } from "@/components/documents/yearly-summary-links";
import { PaymentHistory } from "@/components/receipts/payment-history";
import { patientPage } from "@/lib/auth/page-guards";
import { listSummaryYearsForPatient } from "@/lib/documents/queries";
import { listPaymentHistoryForPatient, PAYMENT_HISTORY_LIMIT } from "@/lib/receipts/queries";

export const metadata: Metadata = { title: "Payment history" };

export default async function PaymentsPage() {
  const actor = await patientPage();
  const [payments, summaryYears] = await Promise.all([
    listPaymentHistoryForPatient({ userId: actor.userId }),
    listSummaryYearsForPatient({ userId: actor.userId }),
  ]);
  return (
    <>
      <PageTitle description="Payments and payment attempts on your linked accounts, newest first. Open one for its receipt.">
        Payment history
      </PageTitle>
      <Card>
        <PaymentHistory payments={payments} />
        {payments.length === PAYMENT_HISTORY_LIMIT ? (
          <p className="mt-4 text-sm text-slate-700">
            Showing your latest {PAYMENT_HISTORY_LIMIT} payments. For older ones, contact the billing office.
          </p>
        ) : null}
      </Card>
      <YearlySummaryLinks accounts={summaryYears} />
    </>
  );
}
