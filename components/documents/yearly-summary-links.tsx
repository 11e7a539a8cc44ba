import { Card } from "@/components/ui/card";
import type { TSummaryYears } from "@/lib/documents/queries";

/**
 * The yearly payment summaries a patient can download: for each linked account, a plain link
 * (works without JavaScript) for each year with payments or refunds, newest first.
 */
export function YearlySummaryLinks({ accounts }: { accounts: TSummaryYears[] }) {
  if (accounts.length === 0) return null;
  return (
    <Card className="mt-6">
      <h2 className="text-lg font-semibold">Yearly payment summaries</h2>
      <p className="mt-1 text-slate-700">
        A PDF of an account&apos;s payments and refunds in one calendar year, for your records, a health
        savings or flexible spending account, or your taxes.
      </p>
      <div className="mt-4 flex flex-col gap-4">
        {accounts.map((a) => (
          <div key={a.accountId}>
            <h3 className="font-semibold">
              Account {a.accountNumber} · {a.guarantorName}
            </h3>
            {a.years.length === 0 ? (
              <p className="text-sm text-slate-700">No payments on this account yet.</p>
            ) : (
              <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
                {a.years.map((year) => (
                  <li key={year}>
                    <a
                      href={`/payments/summary/${a.accountId}/${year}`}
                      className="text-brand-700 underline underline-offset-2"
                      download
                    >
                      {year} summary for account {a.accountNumber} (PDF)
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}
