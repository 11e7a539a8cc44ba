import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { patientPage } from "@/lib/auth/page-guards";
import { listPaymentsForPatient } from "@/lib/statements/queries";
import { formatInstant } from "@/lib/dates";

export const metadata: Metadata = { title: "Payment history" };

export default async function PaymentsPage() {
  const actor = await patientPage();
  const payments = await listPaymentsForPatient({ userId: actor.userId });
  return (
    <>
      <PageTitle description="Payments made on your linked accounts.">Payment history</PageTitle>
      <Card>
        {payments.length === 0 ? (
          <p className="text-slate-700">You haven&apos;t made any payments yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {payments.map((p) => (
              <li key={p.id} className="flex flex-wrap justify-between gap-2 py-3">
                <div>
                  <p className="font-semibold">Receipt {p.receiptNumber}</p>
                  <p className="text-sm text-slate-700">
                    {formatInstant(p.createdAt, p.account.practice.timeZone)} · {p.brand ?? p.methodKind}{" "}
                    {p.last4 ? `••${p.last4}` : ""} · {p.status}
                  </p>
                </div>
                <Money cents={p.amountCents} currency={p.currency} className="font-semibold" />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
