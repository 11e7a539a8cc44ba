import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { PayForm } from "@/components/payments/pay-form";
import { formatDay } from "@/lib/dates";
import { getGuestStatement } from "@/lib/guest/queries";
import { applePayMerchantSessionAction, guestPayBillAction } from "@/lib/payments/actions";
import { getWalletConfig } from "@/lib/payments/wallets";
import { getHostedFieldsConfig, getPayableStatementForGuest } from "@/lib/payments/queries";

export const metadata: Metadata = { title: "Pay your statement" };

export default async function GuestPayPage() {
  const guest = await getGuestStatement();
  if (guest.status === "none") redirect("/guest");
  if (guest.status === "expired") redirect("/guest?expired=1");
  const statement = await getPayableStatementForGuest({ statementId: guest.statement.id });
  const config = getHostedFieldsConfig();
  const walletConfig = await getWalletConfig();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle description="You are paying as a guest. Nothing is saved for next time.">
        Pay statement {guest.statement.statementNumber}
      </PageTitle>
      <Card>
        {!statement ? (
          <p>
            This statement has nothing left to pay.{" "}
            <Link href="/guest/statement" className="text-brand-700 underline underline-offset-2">
              Back to the statement
            </Link>
          </p>
        ) : (
          <PayForm
            statements={[
              {
                id: statement.id,
                statementNumber: statement.statementNumber,
                balanceCents: statement.balanceCents,
                currency: statement.currency,
                description: `${statement.patientName} · ${statement.dueDate ? `due ${formatDay(statement.dueDate)}` : `dated ${formatDay(statement.statementDate)}`}`,
              },
            ]}
            preselectedIds={[statement.id]}
            action={guestPayBillAction}
            gatewayOrigin={config.gatewayOrigin}
            publishableKey={config.publishableKey}
            askEmail
            walletConfig={walletConfig}
            applePaySessionAction={applePayMerchantSessionAction}
          />
        )}
      </Card>
    </div>
  );
}
