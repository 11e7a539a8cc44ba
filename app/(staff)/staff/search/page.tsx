import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { buttonClass } from "@/components/ui/button-class";
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
        <form role="search" action="/staff/search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="q" className="font-medium">
              Search
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              minLength={2}
              className="min-h-11 rounded-md border border-slate-400 px-3 py-2"
            />
          </div>
          <button type="submit" className={buttonClass("primary")}>
            Search
          </button>
        </form>
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
