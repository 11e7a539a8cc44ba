import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { AutopayEnrollForm, AutopayUnenrollForm } from "@/components/autopay/autopay-forms";
import { changeAutopayAction, enrollAutopayAction, unenrollAutopayAction } from "@/lib/autopay/actions";
import { listAutopayAccounts } from "@/lib/autopay/queries";
import { patientPage } from "@/lib/auth/page-guards";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { formatCents } from "@/lib/money";
import { getHostedFieldsConfig } from "@/lib/payments/queries";
import { walletMethodLabel } from "@/lib/method-label";
import { listWalletMethods } from "@/lib/saved-methods/queries";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Autopay"))("title") };
}

async function AutopayPage() {
  const actor = await patientPage();
  const [accounts, { methods }, t, locale] = await Promise.all([
    listAutopayAccounts(actor.userId),
    listWalletMethods({ userId: actor.userId }),
    getTranslations("Autopay"),
    getLocale(),
  ]);
  const form = await getTranslations("AutopayForm");
  const intlLocale = INTL_LOCALES[locale];
  const hostedFields = getHostedFieldsConfig();
  const tFamily = await getTranslations("Family");
  const choices = methods
    .filter((m) => m.expiry !== "expired")
    .map((m) => ({ id: m.id, label: walletMethodLabel(m, { withNickname: true, locale }) }));
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      {accounts.length === 0 ? (
        <Card>
          <p className="text-slate-700">{t("noAccounts")}</p>
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
                  {t("account", { number: account.accountNumber })}
                </h2>
                {account.isShared ? <p className="mb-2 text-slate-700">{t("shared")}</p> : null}
                {enrollment ? (
                  <div className="flex flex-col gap-4">
                    <p>
                      <span className="rounded bg-green-100 px-2 py-0.5 font-semibold text-green-900">
                        {t("on")}
                      </span>{" "}
                      {t("onSince", { date: formatDay(enrollment.createdAt, intlLocale) })}
                      {enrollment.paymentMethod
                        ? ` · ${walletMethodLabel(enrollment.paymentMethod, { locale })}`
                        : ""}
                      {enrollment.familyKind
                        ? ` · ${tFamily(enrollment.familyKind === "BANK" ? "familyBank" : "familyCard")}`
                        : ""}{" "}
                      · {t("upTo", { amount: formatCents(enrollment.limitCents, "USD", intlLocale) })}
                    </p>
                    {enrollment.familyKind && enrollment.setUpBy ? (
                      <p className="text-slate-700" data-testid="autopay-set-up-by">
                        {tFamily("memberAutopay", { name: enrollment.setUpBy })}
                      </p>
                    ) : enrollment.userId !== actor.userId ? (
                      <p className="text-slate-700">
                        {enrollment.source === "WEB"
                          ? t("byAnotherPerson")
                          : enrollment.source === "FILE"
                            ? t("byPracticeFile", { practice: account.practice.name })
                            : t("byPractice", { practice: account.practice.name })}{" "}
                        {t("mayTurnOff")}
                      </p>
                    ) : null}
                    <details>
                      <summary className="cursor-pointer font-medium text-brand-700">{t("change")}</summary>
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
                    <AutopayUnenrollForm
                      action={unenrollAutopayAction}
                      enrollmentId={enrollment.id}
                      label={form("turnOff")}
                      pendingText={form("turningOff")}
                    />
                  </div>
                ) : (
                  <div className="flex flex-col gap-3">
                    <p>
                      <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold text-slate-800">
                        {t("off")}
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

export default withMessages(
  ["AutopayErrors", "AutopayForm", "HostedFields", "NewMethod", "ServerErrors"],
  AutopayPage,
);
