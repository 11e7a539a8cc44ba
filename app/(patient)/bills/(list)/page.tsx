import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { DocumentLink } from "@/components/ui/document-link";
import { buttonClass } from "@/components/ui/button-class";
import { PayLink } from "@/components/payments/pay-link";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { StatementList } from "@/components/statements/statement-list";
import { listSharedAccounts } from "@/lib/access/queries";
import { scopeAllows } from "@/lib/access/scope";
import { patientPage } from "@/lib/auth/page-guards";
import { listStatementsForPatient, summarizeStatements } from "@/lib/statements/queries";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Bills"))("title") };
}

export default async function BillsPage() {
  const actor = await patientPage();
  const [statements, shared, t, locale] = await Promise.all([
    listStatementsForPatient({ userId: actor.userId }),
    listSharedAccounts({ userId: actor.userId }),
    getTranslations("Bills"),
    getLocale(),
  ]);
  const intlLocale = INTL_LOCALES[locale];
  // The patient's own accounts' statements; each account shared with them gets a card of its own.
  const sharedIds = new Set(shared.map((s) => s.accountId));
  const own = statements.filter((s) => !sharedIds.has(s.account.id));
  const payableShared = new Set(shared.filter((s) => scopeAllows(s.scope, "pay")).map((s) => s.accountId));
  // What they may pay: their own, and what is shared with them to pay.
  const summary = summarizeStatements(
    statements.filter((s) => !sharedIds.has(s.account.id) || payableShared.has(s.account.id)),
  );
  const ownDueCents = summarizeStatements(own).totalDueCents;
  return (
    <>
      <PageTitle description={t("welcome", { name: actor.name.split(" ")[0] ?? "" })}>{t("title")}</PageTitle>
      <div className="mb-6 grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="text-sm font-medium text-slate-700">{t("totalDue")}</h2>
          <p className="text-3xl font-bold" data-testid="total-due">
            <Money cents={summary.totalDueCents} locale={intlLocale} />
          </p>
          <p className="text-sm text-slate-700">{t("openCount", { count: summary.openCount })}</p>
        </Card>
        <Card>
          <h2 className="text-sm font-medium text-slate-700">{t("nextDueDate")}</h2>
          <p className="text-3xl font-bold" data-testid="next-due">
            {summary.nextDueDate ? formatDay(summary.nextDueDate, intlLocale) : t("nothingDue")}
          </p>
        </Card>
      </div>
      <div className="flex flex-col gap-6">
        {shared.length === 0 || own.length > 0 ? (
          <Card>
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">
                {shared.length === 0 ? t("statements") : t("yourStatements")}
              </h2>
              <div className="flex flex-wrap gap-3">
                {ownDueCents > 0 ? (
                  <DocumentLink href="/plans/new" className={buttonClass("secondary")}>
                    {t("payOverTime")}
                  </DocumentLink>
                ) : null}
                {summary.totalDueCents > 0 ? <PayLink href="/pay">{t("payBills")}</PayLink> : null}
              </div>
            </div>
            <StatementList statements={own} hrefFor={(id) => `/bills/${id}`} />
          </Card>
        ) : null}
        {shared.map((account) => {
          const ofAccount = statements.filter((s) => s.account.id === account.accountId);
          const dueCents = summarizeStatements(ofAccount).totalDueCents;
          return (
            <Card key={account.accessId}>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <div>
                  <h2 className="text-lg font-semibold">{account.label}</h2>
                  <p className="text-sm text-slate-700">
                    {t("account", { number: account.accountNumber, practice: account.practiceName })}
                  </p>
                </div>
                {payableShared.has(account.accountId) && dueCents > 0 ? (
                  <PayLink href={`/pay?${ofAccount.map((s) => `statement=${s.id}`).join("&")}`}>
                    {t("payFor", { name: account.guarantorName })}
                  </PayLink>
                ) : null}
              </div>
              <StatementList statements={ofAccount} hrefFor={(id) => `/bills/${id}`} />
            </Card>
          );
        })}
      </div>
    </>
  );
}
