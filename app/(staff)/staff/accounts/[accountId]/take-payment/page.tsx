import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { PayForm } from "@/components/payments/pay-form";
import { staffPage } from "@/lib/auth/page-guards";
import { recordStaffView } from "@/lib/audit/record";
import { formatDay } from "@/lib/dates";
import { orNotFound } from "@/lib/not-found";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { takeStaffPaymentAction } from "@/lib/payments/staff-actions";
import { getTerminalOptionsOrThrow } from "@/lib/payments/staff-queries";
import { getRequestContext } from "@/lib/request-context";

export const metadata: Metadata = { title: "Staff · Take a payment" };

/**
 * The virtual terminal (`payments.take`): a clerk takes a payment for the account by phone, by
 * mail or at the desk, with the patient's pay form (docs/billing-office.md). The card or bank
 * account is typed into the gateway's hosted fields (this page frames the gateway: proxy.ts).
 */
export default async function TakePaymentPage({ params }: { params: Promise<{ accountId: string }> }) {
  const [actor, { accountId }] = await Promise.all([staffPage("payments.take"), params]);
  const options = await orNotFound(getTerminalOptionsOrThrow({ practiceId: actor.practiceId, accountId }));
  await recordStaffView({
    actor,
    target: { type: "Account", id: options.account.id },
    context: await getRequestContext(),
    metadata: { page: "take-payment" },
  });
  const config = getHostedFieldsConfig();
  const { account } = options;
  return (
    <>
      <PageTitle
        back={{ href: `/staff/accounts/${account.id}`, label: `Account ${account.accountNumber}` }}
        description={`Guarantor ${account.guarantorName} · card not present: the patient reads the card or bank details to you, or they came by mail.`}
      >
        Take a payment
      </PageTitle>
      <Card>
        {options.statements.length === 0 ? (
          <p>
            Nothing is due on this account.{" "}
            <Link
              href={`/staff/accounts/${account.id}`}
              className="text-brand-700 underline underline-offset-2"
            >
              Back to the account
            </Link>
          </p>
        ) : (
          <PayForm
            statements={options.statements.map((s) => ({
              id: s.id,
              statementNumber: s.statementNumber,
              balanceCents: s.balanceCents,
              currency: s.currency,
              description: `${s.patientFirstName} ${s.patientLastName} · ${s.dueDate ? `due ${formatDay(s.dueDate)}` : `dated ${formatDay(s.statementDate)}`}`,
            }))}
            preselectedIds={[]}
            action={takeStaffPaymentAction}
            gatewayOrigin={config.gatewayOrigin}
            publishableKey={config.publishableKey}
            askEmail
            savedMethods={options.methods}
            terminal={{ accountId: account.id, defaultEmail: account.email ?? "" }}
          />
        )}
        <p className="mt-4 text-sm text-slate-700">
          Saved methods are offered only where the patient allowed billing staff to charge them, in their
          wallet.
        </p>
      </Card>
    </>
  );
}
