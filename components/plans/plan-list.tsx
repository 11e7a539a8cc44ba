import { useTranslations } from "next-intl";
import Link from "next/link";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { PlanStatusBadge } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import type { TPlanSummary } from "@/lib/plans/queries";

export function PlanList({ plans, hrefFor }: { plans: TPlanSummary[]; hrefFor: (id: string) => string }) {
  const tFamily = useTranslations("Family");
  return (
    <Table caption="Payment plans" isEmpty={plans.length === 0} empty="No payment plans.">
      <TableHead className="text-sm text-slate-700">
        <HeaderCell>Plan</HeaderCell>
        <HeaderCell>Status</HeaderCell>
        <HeaderCell isNumeric>Total</HeaderCell>
        <HeaderCell isNumeric>Left to pay</HeaderCell>
        <HeaderCell>Next charge</HeaderCell>
      </TableHead>
      <tbody>
        {plans.map((p) => (
          <Row key={p.id}>
            <Cell>
              <Link href={hrefFor(p.id)} className="text-brand-700 underline underline-offset-2">
                {p.statementNumbers.join(", ")}
              </Link>
              <span className="block text-sm text-slate-700">Account {p.accountNumber}</span>
              {p.setUpBy ? (
                <span className="block text-sm text-slate-700">
                  {tFamily("setUpBy", { name: p.setUpBy })}
                </span>
              ) : null}
            </Cell>
            <Cell>
              <PlanStatusBadge status={p.status} />
            </Cell>
            <Cell isNumeric>
              <Money cents={p.totalCents} />
            </Cell>
            <Cell isNumeric>
              <Money cents={p.remainingCents} />
            </Cell>
            <Cell>
              {p.nextDue ? (
                <>
                  <Money cents={p.nextDue.amountCents} /> on {formatDay(p.nextDue.dueDate)}
                </>
              ) : (
                "—"
              )}
            </Cell>
          </Row>
        ))}
      </tbody>
    </Table>
  );
}
