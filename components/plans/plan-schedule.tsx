import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { installmentLabel } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import type { TPlanDetail } from "@/lib/plans/queries";

/** An installment's number, due day and amount: the first cells of a row of the schedule and of its preview. */
export const InstallmentCells = ({
  installment,
}: {
  installment: { sequence: number; dueDate: Date; amountCents: number };
}) => (
  <>
    <Cell>{installment.sequence}</Cell>
    <Cell>{formatDay(installment.dueDate)}</Cell>
    <Cell isNumeric>
      <Money cents={installment.amountCents} />
    </Cell>
  </>
);

/** The plan's installments: paid, due, declined (with the retry date), skipped, cancelled. */
export function PlanSchedule({ plan }: { plan: TPlanDetail }) {
  return (
    <Table caption="Installments" testId="plan-schedule">
      <TableHead className="text-sm text-slate-700">
        <HeaderCell>#</HeaderCell>
        <HeaderCell>Due</HeaderCell>
        <HeaderCell isNumeric>Amount</HeaderCell>
        <HeaderCell>Status</HeaderCell>
      </TableHead>
      <tbody>
        {plan.installments.map((i) => (
          <Row key={i.sequence}>
            <InstallmentCells installment={i} />
            <Cell>
              {installmentLabel(i.status)}
              {i.status === "FAILED" && i.nextAttemptOn
                ? ` — we'll try again on ${formatDay(i.nextAttemptOn)}`
                : ""}
              {i.status === "FAILED" && !i.nextAttemptOn ? " — no more attempts" : ""}
            </Cell>
          </Row>
        ))}
      </tbody>
    </Table>
  );
}
