import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { PayForm } from "@/components/payments/pay-form";
import { formatDay } from "@/lib/dates";
import { getGuestStatement } from "@/lib/guest/queries";
import { INTL_LOCALES } from "@/lib/locale";
import { requestLocale } from "@/lib/auth/request-locale";
import { applePayMerchantSessionAction, guestPayBillAction } from "@/lib/payments/actions";
import { getWalletConfig } from "@/lib/payments/wallets";
import { getHostedFieldsConfig, getPayableStatementForGuest } from "@/lib/payments/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("GuestPay"))("title") };
}

async function GuestPayPage() {
  const guest = await getGuestStatement();
  if (guest.status === "none") redirect("/guest");
  if (guest.status === "expired") redirect("/guest?expired=1");
  const statement = await getPayableStatementForGuest({ statementId: guest.statement.id });
  const config = getHostedFieldsConfig();
  const walletConfig = await getWalletConfig();
  const t = await getTranslations("GuestPay");
  const intlLocale = INTL_LOCALES[await requestLocale()];
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle description={t("description")}>
        {t("heading", { number: guest.statement.statementNumber })}
      </PageTitle>
      <Card>
        {!statement ? (
          <p>
            {t("nothingLeft")}{" "}
            <Link href="/guest/statement" className="text-brand-700 underline underline-offset-2">
              {t("back")}
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
                description: `${statement.patientName} · ${statement.dueDate ? t("due", { date: formatDay(statement.dueDate, intlLocale) }) : t("dated", { date: formatDay(statement.statementDate, intlLocale) })}`,
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

export default withMessages(
  ["HostedFields", "PayForm", "PayReview", "ServerErrors", "WalletButtons"],
  GuestPayPage,
);
