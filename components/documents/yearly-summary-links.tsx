import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { TSummaryYears } from "@/lib/documents/queries";

/**
 * The yearly payment summaries a patient can download: for each linked account, a plain link
 * (works without JavaScript) for each year with payments or refunds, newest first.
 */
export function YearlySummaryLinks({ accounts }: { accounts: TSummaryYears[] }) {
  const t = useTranslations("YearlySummaries");
  if (accounts.length === 0) return null;
  return (
    <Card className="mt-6">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-slate-700">{t("intro")}</p>
      <div className="mt-4 flex flex-col gap-4">
        {accounts.map((a) => (
          <div key={a.accountId}>
            <h3 className="font-semibold">
              {t("account", { number: a.accountNumber, name: a.guarantorName })}
            </h3>
            {a.years.length === 0 ? (
              <p className="text-sm text-slate-700">{t("none")}</p>
            ) : (
              <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
                {a.years.map((year) => (
                  <li key={year}>
                    <a
                      href={`/payments/summary/${a.accountId}/${year}`}
                      className="text-brand-700 underline underline-offset-2"
                      download
                    >
                      {t("link", { year: String(year), number: a.accountNumber })}
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
