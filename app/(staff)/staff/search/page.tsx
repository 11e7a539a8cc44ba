import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccountSearchForm } from "@/components/staff/account-search-form";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { staffPage } from "@/lib/auth/page-guards";
import { searchAccounts } from "@/lib/staff/queries";
import { formatDay } from "@/lib/dates";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffSearch");
  return { title: t("metaTitle") };
}

export default async function StaffSearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const [actor, t] = await Promise.all([staffPage("accounts.search"), getTranslations("StaffSearch")]);
  const q = ((await searchParams).q ?? "").trim();
  const results = q ? await searchAccounts({ practiceId: actor.practiceId, query: q }) : [];
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <AccountSearchForm query={q} />
      </Card>
      {q ? (
        <Card className="mt-6">
          <h2 className="mb-2 text-lg font-semibold" aria-live="polite">
            {t("results", { count: results.length, query: q })}
          </h2>
          <ul className="divide-y divide-slate-200">
            {results.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link
                    href={`/staff/accounts/${a.id}`}
                    className="font-semibold text-brand-700 underline underline-offset-2"
                  >
                    {t("result", {
                      lastName: a.guarantorLastName,
                      firstName: a.guarantorFirstName,
                      accountNumber: a.accountNumber,
                    })}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {a.guarantorDob ? t("dob", { date: formatDay(a.guarantorDob) }) : t("noDob")}
                  </p>
                </div>
                <span>
                  {t("balance")} <Money cents={a.balanceCents} className="font-semibold" />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
