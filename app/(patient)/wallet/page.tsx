import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { AddMethodForm } from "@/components/saved-methods/add-method-form";
import { WalletMethod } from "@/components/saved-methods/wallet-method";
import { patientPage } from "@/lib/auth/page-guards";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { STAFF_CHARGE_CONSENT } from "@/lib/saved-methods/consent";
import { listWalletMethods } from "@/lib/saved-methods/queries";

export const metadata: Metadata = { title: "Wallet" };

export default async function WalletPage() {
  const actor = await patientPage();
  const { methods, timeZone } = await listWalletMethods({ userId: actor.userId });
  const config = getHostedFieldsConfig();
  return (
    <>
      <PageTitle description="Saved cards and bank accounts, for paying in two taps. We keep only the last 4 digits; the numbers stay with our payment processor.">
        Wallet
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Saved payment methods</h2>
          {methods.length === 0 ? (
            <p>You have no saved payment methods yet.</p>
          ) : (
            <ul className="flex flex-col gap-4" aria-label="Saved payment methods">
              {methods.map((m) => (
                <WalletMethod
                  key={m.id}
                  method={m}
                  consentText={STAFF_CHARGE_CONSENT.text}
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
