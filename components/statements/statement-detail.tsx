import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { StatementStatusBadge } from "@/components/statements/status-badge";
import { formatDay } from "@/lib/dates";
import type { TStatementDetail } from "@/lib/statements/queries";

/** A statement with its line items and totals; the same view for patients, guests and staff. */
export function StatementDetail({ statement }: { statement: TStatementDetail }) {
  const s = statement;
  const totals: [string, number][] = [
    ["Total charges", s.totalChargesCents],
    ["Insurance paid", -s.insurancePaidCents],
    ["Adjustments", -s.adjustmentsCents],
    ["Patient responsibility", s.amountDueCents],
    ["Paid since the statement", -(s.amountDueCents - s.balanceCents)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">Statement {s.statementNumber}</h2>
            <p className="text-slate-700">
              {s.account.practice.name}
              {s.providerName && s.providerName !== s.account.practice.name ? ` · ${s.providerName}` : ""}
            </p>
            <p className="text-slate-700">
              Patient: {s.patientFirstName} {s.patientLastName} · Account {s.account.accountNumber}
            </p>
          </div>
          <div className="text-right">
            <p className="text-sm text-slate-700">Amount due</p>
            <p className="text-3xl font-bold" data-testid="balance">
              <Money cents={s.balanceCents} currency={s.currency} />
            </p>
            <StatementStatusBadge status={s.status} />
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">Statement date</dt>
            <dd>{formatDay(s.statementDate)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Due date</dt>
            <dd>{s.dueDate ? formatDay(s.dueDate) : "On receipt"}</dd>
          </div>
        </dl>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Services</h2>
        <ul className="flex flex-col gap-3 sm:hidden">
          {s.lines.map((l) => (
            <li key={l.id} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">{l.description}</p>
              <p className="text-sm text-slate-700">
                {formatDay(l.serviceDate)}
                {l.procedureCode ? ` · Code ${l.procedureCode}` : ""}
              </p>
              <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
                <dt>Charge</dt>
                <dd className="text-right">
                  <Money cents={l.chargeCents} />
                </dd>
                <dt>Insurance paid</dt>
                <dd className="text-right">
                  <Money cents={-l.insurancePaidCents} />
                </dd>
                <dt>Adjustment</dt>
                <dd className="text-right">
                  <Money cents={-l.adjustmentCents} />
                </dd>
                <dt className="font-semibold">You owe</dt>
                <dd className="text-right font-semibold">
                  <Money cents={l.patientRespCents} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
        <Table caption={`Services on statement ${s.statementNumber}`} className="hidden text-sm sm:table">
          <TableHead>
            <HeaderCell>Date of service</HeaderCell>
            <HeaderCell>Description</HeaderCell>
            <HeaderCell>Code</HeaderCell>
            <HeaderCell isNumeric>Charge</HeaderCell>
            <HeaderCell isNumeric>Insurance paid</HeaderCell>
            <HeaderCell isNumeric>Adjustment</HeaderCell>
            <HeaderCell isNumeric>You owe</HeaderCell>
          </TableHead>
          <tbody>
            {s.lines.map((l) => (
              <Row key={l.id}>
                <Cell className="whitespace-nowrap">{formatDay(l.serviceDate)}</Cell>
                <Cell>{l.description}</Cell>
                <Cell>{l.procedureCode}</Cell>
                <Cell isNumeric>
                  <Money cents={l.chargeCents} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={-l.insurancePaidCents} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={-l.adjustmentCents} />
                </Cell>
                <Cell isNumeric className="font-semibold">
                  <Money cents={l.patientRespCents} />
                </Cell>
              </Row>
            ))}
          </tbody>
        </Table>
        <dl className="mt-4 ml-auto grid max-w-sm grid-cols-2 gap-1 text-sm">
          {totals.map(([label, cents]) => (
            <div key={label} className="contents">
              <dt>{label}</dt>
              <dd className="text-right">
                <Money cents={cents} currency={s.currency} />
              </dd>
            </div>
          ))}
          <dt className="border-t border-slate-300 pt-1 font-bold">Amount due</dt>
          <dd className="border-t border-slate-300 pt-1 text-right font-bold">
            <Money cents={s.balanceCents} currency={s.currency} />
          </dd>
        </dl>
      </Card>
    </div>
  );
}
