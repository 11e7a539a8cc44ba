import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { PayForm } from "@/components/payments/pay-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { applePayMerchantSessionAction, payBillAction } from "@/lib/payments/actions";
import { getWalletConfig } from "@/lib/payments/wallets";
import { getHostedFieldsConfig, listPayableStatementsForPatient } from "@/lib/payments/queries";
import { walletMethodLabel } from "@/lib/method-label";
import { listWalletMethods } from "@/lib/saved-methods/queries";

export const metadata: Metadata = { title: "Pay your bills" };

export default async function PayPage({
  searchParams,
}: {
  searchParams: Promise<{ statement?: string | string[] }>;
}) {
  const [actor, params] = await Promise.all([patientPage(), searchParams]);
  const [statements, wallet] = await Promise.all([
    listPayableStatementsForPatient({ userId: actor.userId }),
    listWalletMethods({ userId: actor.userId }),
  ]);
  const wanted = ([] as string[]).concat(params.statement ?? []);
  const preselectedIds = statements.filter((s) => wanted.includes(s.id)).map((s) => s.id);
  const config = getHostedFieldsConfig();
  const walletConfig = await getWalletConfig();
  return (
    <>
      <PageTitle description="Pay one or more statements in full or in part.">Pay your bills</PageTitle>
      <Card>
        {statements.length === 0 ? (
          <p>
            Nothing is due right now.{" "}
            <Link href="/bills" className="text-brand-700 underline underline-offset-2">
              Back to your bills
            </Link>
          </p>
        ) : (
          <PayForm
            statements={statements.map((s) => ({
              id: s.id,
              statementNumber: s.statementNumber,
              balanceCents: s.balanceCents,
              currency: s.currency,
              description: `${s.patientName} · ${s.dueDate ? `due ${formatDay(s.dueDate)}` : `dated ${formatDay(s.statementDate)}`}`,
            }))}
            preselectedIds={preselectedIds}
            action={payBillAction}
            gatewayOrigin={config.gatewayOrigin}
            publishableKey={config.publishableKey}
            askEmail={false}
            savedMethods={wallet.methods.map((m) => ({
              id: m.id,
              label: walletMethodLabel(m, { withNickname: true }),
              isDefault: m.isDefault,
              isExpired: m.expiry === "expired",
            }))}
            canSaveMethod
            walletConfig={walletConfig}
            applePaySessionAction={applePayMerchantSessionAction}
          />
        )}
      </Card>
    </>
  );
}
