import Link from "next/link";
import { Money } from "@/components/ui/money";
import { StatementStatusBadge } from "@/components/statements/status-badge";
import { formatDay } from "@/lib/dates";
import type { TStatementSummary } from "@/lib/statements/queries";

export function StatementList({
  statements,
  hrefFor,
}: {
  statements: TStatementSummary[];
  hrefFor: (id: string) => string;
}) {
  if (statements.length === 0) {
    return (
      <p className="text-slate-700">No statements yet. Link an account from your profile to see its bills.</p>
    );
  }
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {statements.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div>
            <Link href={hrefFor(s.id)} className="font-semibold text-brand-700 underline underline-offset-2">
              Statement {s.statementNumber}
            </Link>
            <p className="text-sm text-slate-700">
              {formatDay(s.statementDate)} · {s.patientFirstName} {s.patientLastName} · Account{" "}
              {s.account.accountNumber}
            </p>
            <p className="text-sm text-slate-700">
              {s.dueDate ? `Due ${formatDay(s.dueDate)}` : "Due on receipt"}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <StatementStatusBadge status={s.status} />
            <Money cents={s.balanceCents} currency={s.currency} className="text-lg font-semibold" />
          </div>
        </li>
      ))}
    </ul>
  );
}
