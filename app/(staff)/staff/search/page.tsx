import type { Metadata } from "next";
import Link from "next/link";
import { AccountSearchForm } from "@/components/staff/account-search-form";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { staffPage } from "@/lib/auth/page-guards";
import { searchAccounts } from "@/lib/staff/queries";
import { formatDay } from "@/lib/dates";

export const metadata: Metadata = { title: "Staff · Find an account" };

export default async function StaffSearchPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await staffPage("accounts.search");
  const q = ((await searchParams).q ?? "").trim();
  const results = q ? await searchAccounts({ practiceId: actor.practiceId, query: q }) : [];
  return (
    <>
      <PageTitle description="Search by account number, statement number, guarantor or patient name, or date of birth (MM/DD/YYYY).">
        Find an account
      </PageTitle>
      <Card>
        <AccountSearchForm query={q} />
      </Card>
      {q ? (
        <Card className="mt-6">
          <h2 className="mb-2 text-lg font-semibold" aria-live="polite">
            {results.length === 0
              ? `No accounts match “${q}”`
              : `${results.length} account${results.length === 1 ? "" : "s"} match “${q}”`}
          </h2>
          <ul className="divide-y divide-slate-200">
            {results.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link
                    href={`/staff/accounts/${a.id}`}
                    className="font-semibold text-brand-700 underline underline-offset-2"
                  >
                    {a.guarantorLastName}, {a.guarantorFirstName} · Account {a.accountNumber}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {a.guarantorDob ? `DOB ${formatDay(a.guarantorDob)}` : "DOB not on file"}
                  </p>
                </div>
                <span>
                  Balance <Money cents={a.balanceCents} className="font-semibold" />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
