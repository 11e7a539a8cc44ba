import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { AutopayEnrollForm, AutopayUnenrollForm } from "@/components/autopay/autopay-forms";
import { changeAutopayAction, enrollAutopayAction, unenrollAutopayAction } from "@/lib/autopay/actions";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { walletMethodLabel } from "@/lib/method-label";
import { listWalletMethods } from "@/lib/saved-methods/queries";

export const metadata: Metadata = { title: "Autopay" };

export default async function AutopayPage() {
  const actor = await patientPage();
  const [accounts, { methods }] = await Promise.all([
    listAutopayAccounts(actor.userId),
    listWalletMethods({ userId: actor.userId }),
  ]);
  const hostedFields = getHostedFieldsConfig();
  const tFamily = await getTranslations("Family");
  const choices = methods
    .filter((m) => m.expiry !== "expired")
    .map((m) => ({ id: m.id, label: walletMethodLabel(m, { withNickname: true }) }));
  return (
    <>
      <PageTitle description="Let us charge each new statement of an account automatically on its due date, up to a limit you choose.">
        Autopay
      </PageTitle>
      {accounts.length === 0 ? (
        <Card>
          <p className="text-slate-700">No accounts are linked to your login yet.</p>
        </Card>
      ) : null}
      <div className="flex flex-col gap-6">
        {accounts.map((account) => {
          const enrollment = account.autopay[0];
          const terms = {
            accountNumber: account.accountNumber,
            practiceName: account.practice.name,
            daysAfterStatement: account.practice.autopayDaysAfterStatement,
            reminderDays: account.practice.autopayReminderDays,
          };
          return (
            <Card key={account.id}>
              <section aria-labelledby={`autopay-${account.id}`}>
                <h2 id={`autopay-${account.id}`} className="mb-2 text-lg font-semibold">
                  Account {account.accountNumber}
                </h2>
                {account.isShared ? (
                  <p className="mb-2 text-slate-700">
                    Shared with you: autopay on it charges your own card or bank account.
                  </p>
                ) : null}
                {enrollment ? (
                  <div className="flex flex-col gap-4">
                    <p>
                      <span className="rounded bg-green-100 px-2 py-0.5 font-semibold text-green-900">
                        Autopay on
                      </span>{" "}
                      since {formatDay(enrollment.createdAt)}
                      {enrollment.paymentMethod ? ` · ${walletMethodLabel(enrollment.paymentMethod)}` : ""}
                      {enrollment.familyKind
                        ? ` · ${tFamily(enrollment.familyKind === "BANK" ? "familyBank" : "familyCard")}`
                        : ""}{" "}
                      · up to <Money cents={enrollment.limitCents} /> per statement
                    </p>
                    {enrollment.familyKind && enrollment.setUpBy ? (
                      <p className="text-slate-700" data-testid="autopay-set-up-by">
                        {tFamily("memberAutopay", { name: enrollment.setUpBy })}
                      </p>
                    ) : enrollment.userId !== actor.userId ? (
                      <p className="text-slate-700">
                        {enrollment.source === "WEB"
                          ? "Set up by another person on this account."
                          : `Set up by ${account.practice.name}${enrollment.source === "FILE" ? " from its autopay enrolment file" : ""}.`}{" "}
                        You may turn it off, or change it to one of your own saved methods.
                      </p>
                    ) : null}
                    <details>
                      <summary className="cursor-pointer font-medium text-brand-700">
                        Change method or limit
                      </summary>
                      <div className="mt-3">
                        <AutopayEnrollForm
                          action={changeAutopayAction}
                          terms={terms}
                          methods={choices}
                          target={{ enrollmentId: enrollment.id }}
                          hostedFields={hostedFields}
                          current={{
                            // Another person's or the practice's method is not among this patient's.
                            paymentMethodId: choices.find((c) => c.id === enrollment.paymentMethod?.id)?.id,
                            limit: (enrollment.limitCents / 100).toFixed(2),
                          }}
                        />
                      </div>
                    </details>
                    <AutopayUnenrollForm action={unenrollAutopayAction} enrollmentId={enrollment.id} />
                  </div>
                ) : (
                  <div className="flex flex-col gap-3">
                    <p>
                      <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold text-slate-800">
                        Autopay off
                      </span>
                    </p>
                    <AutopayEnrollForm
                      action={enrollAutopayAction}
                      terms={terms}
                      methods={choices}
                      target={{ accountId: account.id }}
                      hostedFields={hostedFields}
                    />
                  </div>
                )}
              </section>
            </Card>
          );
        })}
      </div>
    </>
  );
}
