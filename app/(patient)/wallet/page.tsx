import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { AddMethodForm } from "@/components/saved-methods/add-method-form";
import { WalletMethod } from "@/components/saved-methods/wallet-method";
import { patientPage } from "@/lib/auth/page-guards";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { STAFF_CHARGE_CONSENTS } from "@/lib/saved-methods/consent";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Wallet"))("title") };
}

async function WalletPage() {
  const actor = await patientPage();
  const [{ methods, timeZone }, t, locale] = await Promise.all([
    listWalletMethods({ userId: actor.userId }),
    getTranslations("Wallet"),
    getLocale(),
  ]);
  const config = getHostedFieldsConfig();
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("saved")}</h2>
          {methods.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <ul className="flex flex-col gap-4" aria-label={t("saved")}>
              {methods.map((m) => (
                <WalletMethod
                  key={m.id}
                  method={m}
                  consent={STAFF_CHARGE_CONSENTS[locale]}
                  timeZone={timeZone}
                />
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <AddMethodForm
            gatewayOrigin={config.gatewayOrigin}
            publishableKey={config.publishableKey}
            hasMethods={methods.length > 0}
          />
        </Card>
      </div>
    </>
  );
}

export default withMessages(
  ["AddMethod", "HostedFields", "ServerErrors", "WalletErrors", "WalletMethod"],
  WalletPage,
);
