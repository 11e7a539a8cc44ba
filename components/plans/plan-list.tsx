import Link from "next/link";
import { Money } from "@/components/ui/money";
import { PlanStatusBadge } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import type { TPlanSummary } from "@/lib/plans/queries";

export function PlanList({ plans, hrefFor }: { plans: TPlanSummary[]; hrefFor: (id: string) => string }) {
  if (plans.length === 0) return <p>No payment plans.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left">
        <caption className="sr-only">Payment plans</caption>
        <thead>
          <tr className="border-b border-slate-300 text-sm text-slate-700">
            <th scope="col" className="py-2 pr-3">
              Plan
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Total
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Left to pay
            </th>
            <th scope="col" className="py-2">
              Next charge
            </th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} className="border-b border-slate-100">
              <td className="py-2 pr-3">
                <Link href={hrefFor(p.id)} className="text-brand-700 underline underline-offset-2">
                  {p.statementNumbers.join(", ")}
                </Link>
                <span className="block text-sm text-slate-700">Account {p.accountNumber}</span>
              </td>
              <td className="py-2 pr-3">
                <PlanStatusBadge status={p.status} />
              </td>
              <td className="py-2 pr-3 text-right">
                <Money cents={p.totalCents} />
              </td>
              <td className="py-2 pr-3 text-right">
                <Money cents={p.remainingCents} />
              </td>
              <td className="py-2">
                {p.nextDue ? (
                  <>
                    <Money cents={p.nextDue.amountCents} /> on {formatDay(p.nextDue.dueDate)}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
