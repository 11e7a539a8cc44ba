import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Money } from "@/components/ui/money";
import { StatementStatusBadge } from "@/components/statements/status-badge";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import type { TStatementSummary } from "@/lib/statements/queries";

/** The patient's statements on the bills page, in the reader's language. */
export function StatementList({
  statements,
  hrefFor,
}: {
  statements: TStatementSummary[];
  hrefFor: (id: string) => string;
}) {
  const t = useTranslations("StatementList");
  const status = useTranslations("Statement.status");
  const intlLocale = INTL_LOCALES[useLocale()];
  if (statements.length === 0) {
    return <p className="text-slate-700">{t("empty")}</p>;
  }
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {statements.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div>
            <Link href={hrefFor(s.id)} className="font-semibold text-brand-700 underline underline-offset-2">
              {t("statement", { number: s.statementNumber })}
            </Link>
            <p className="text-sm text-slate-700">
              {t("details", {
                date: formatDay(s.statementDate, intlLocale),
                patient: `${s.patientFirstName} ${s.patientLastName}`,
                account: s.account.accountNumber,
              })}
            </p>
            <p className="text-sm text-slate-700">
              {s.dueDate ? t("due", { date: formatDay(s.dueDate, intlLocale) }) : t("dueOnReceipt")}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <StatementStatusBadge
              status={s.status}
              label={isStatus(s.status) ? status(s.status) : undefined}
            />
            <Money
              cents={s.balanceCents}
              currency={s.currency}
              locale={intlLocale}
              className="text-lg font-semibold"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

const STATUSES = ["OPEN", "PARTIALLY_PAID", "PAID", "VOIDED"] as const;
const isStatus = (s: string): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s);
