import { Money } from "@/components/ui/money";
import { installmentLabel } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import type { TPlanDetail } from "@/lib/plans/queries";

/** The plan's installments: paid, due, declined (with the retry date), skipped, cancelled. */
export function PlanSchedule({ plan }: { plan: TPlanDetail }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left" data-testid="plan-schedule">
        <caption className="sr-only">Installments</caption>
        <thead>
          <tr className="border-b border-slate-300 text-sm text-slate-700">
            <th scope="col" className="py-2 pr-3">
              #
            </th>
            <th scope="col" className="py-2 pr-3">
              Due
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Amount
            </th>
            <th scope="col" className="py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.installments.map((i) => (
            <tr key={i.sequence} className="border-b border-slate-100">
              <td className="py-2 pr-3">{i.sequence}</td>
              <td className="py-2 pr-3">{formatDay(i.dueDate)}</td>
              <td className="py-2 pr-3 text-right">
                <Money cents={i.amountCents} />
              </td>
              <td className="py-2">
                {installmentLabel(i.status)}
                {i.status === "FAILED" && i.nextAttemptOn
                  ? ` — we'll try again on ${formatDay(i.nextAttemptOn)}`
                  : ""}
                {i.status === "FAILED" && !i.nextAttemptOn ? " — no more attempts" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
