import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
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
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffTakePayment");
  return { title: t("metaTitle") };
}

/**
 * The virtual terminal (`payments.take`): a clerk takes a payment for the account by phone, by
 * mail or at the desk, with the patient's pay form (docs/billing-office.md). The card or bank
 * account is typed into the gateway's hosted fields (this page frames the gateway: proxy.ts).
 */
async function TakePaymentPage({ params }: { params: Promise<{ accountId: string }> }) {
  const [actor, { accountId }, t] = await Promise.all([
    staffPage("payments.take"),
    params,
    getTranslations("StaffTakePayment"),
  ]);
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
        back={{ href: `/staff/accounts/${account.id}`, label: t("back", { number: account.accountNumber }) }}
        description={t("description", { name: account.guarantorName })}
      >
        {t("title")}
      </PageTitle>
      <Card>
        {options.statements.length === 0 ? (
          <p>
            {t("nothingDue")}{" "}
            <Link
              href={`/staff/accounts/${account.id}`}
              className="text-brand-700 underline underline-offset-2"
            >
              {t("backToAccount")}
            </Link>
          </p>
        ) : (
          <PayForm
            statements={options.statements.map((s) => ({
              id: s.id,
              statementNumber: s.statementNumber,
              balanceCents: s.balanceCents,
              currency: s.currency,
              description: s.dueDate
                ? t("statementDue", {
                    patient: `${s.patientFirstName} ${s.patientLastName}`,
                    date: formatDay(s.dueDate),
                  })
                : t("statementDated", {
                    patient: `${s.patientFirstName} ${s.patientLastName}`,
                    date: formatDay(s.statementDate),
                  }),
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
        <p className="mt-4 text-sm text-slate-700">{t("savedMethods")}</p>
      </Card>
    </>
  );
}

export default withStaffMessages(
  ["HostedFields", "PayForm", "PayReview", "ServerErrors", "StaffTerminalReceipt", "WalletButtons"],
  TakePaymentPage,
);
