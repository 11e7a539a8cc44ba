import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { PayForm } from "@/components/payments/pay-form";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { requestLocale } from "@/lib/auth/request-locale";
import { applePayMerchantSessionAction, payBillAction } from "@/lib/payments/actions";
import { getWalletConfig } from "@/lib/payments/wallets";
import { getHostedFieldsConfig, listPayableStatementsForPatient } from "@/lib/payments/queries";
import { walletMethodLabel } from "@/lib/method-label";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("PayPage"))("title") };
}

async function PayPage({ searchParams }: { searchParams: Promise<{ statement?: string | string[] }> }) {
  const [actor, params] = await Promise.all([patientPage(), searchParams]);
  const [statements, wallet, t, locale] = await Promise.all([
    listPayableStatementsForPatient({ userId: actor.userId }),
    listWalletMethods({ userId: actor.userId }),
    getTranslations("PayPage"),
    requestLocale(),
  ]);
  const intlLocale = INTL_LOCALES[locale];
  const wanted = ([] as string[]).concat(params.statement ?? []);
  const preselectedIds = statements.filter((s) => wanted.includes(s.id)).map((s) => s.id);
  const config = getHostedFieldsConfig();
  const walletConfig = await getWalletConfig();
  // In the reader's language, though the patient area around it is not translated yet and is
  // marked English (docs/i18n.md).
  return (
    <div lang={locale}>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        {statements.length === 0 ? (
          <p>
            {t("nothingDue")}{" "}
            <Link href="/bills" className="text-brand-700 underline underline-offset-2">
              {t("back")}
            </Link>
          </p>
        ) : (
          <PayForm
            statements={statements.map((s) => ({
              id: s.id,
              statementNumber: s.statementNumber,
              balanceCents: s.balanceCents,
              currency: s.currency,
              description: `${s.patientName} · ${s.dueDate ? t("due", { date: formatDay(s.dueDate, intlLocale) }) : t("dated", { date: formatDay(s.statementDate, intlLocale) })}`,
            }))}
            preselectedIds={preselectedIds}
            action={payBillAction}
            gatewayOrigin={config.gatewayOrigin}
            publishableKey={config.publishableKey}
            askEmail={false}
            savedMethods={wallet.methods.map((m) => ({
              id: m.id,
              label: walletMethodLabel(m, { withNickname: true, locale }),
              isDefault: m.isDefault,
              isExpired: m.expiry === "expired",
            }))}
            canSaveMethod
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
  PayPage,
);
