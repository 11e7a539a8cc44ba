import { Card } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { ReceiptStatusLine } from "@/components/receipts/receipt-status";
import { methodLabel } from "@/lib/method-label";
import {
  formatReceiptInstant,
  practiceAddressLines,
  refundKindLabel,
  refundStatusLabel,
} from "@/lib/receipts/format";
import { receiptStatusView } from "@/lib/receipts/status";
import type { TReceipt } from "@/lib/receipts/types";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="text-slate-600 sm:w-48 sm:shrink-0">{label}</dt>
      <dd className="font-medium break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** A payment receipt: the same view for patients, guests and staff, and for print. */
export function ReceiptDetails({ receipt: r }: { receipt: TReceipt }) {
  const status = receiptStatusView(r);
  const zone = r.practice.timeZone;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-col gap-4">
          <ReceiptStatusLine view={status} />
          <div>
            <p className="text-sm text-slate-700">Amount</p>
            <p className="text-3xl font-bold" data-testid="receipt-amount">
              <Money cents={r.amountCents} currency={r.currency} />
            </p>
          </div>
          <dl className="flex flex-col gap-3">
            <Fact label="Receipt number">
              <span data-testid="receipt-number">{r.receiptNumber}</span>
            </Fact>
            <Fact label="Date and time">{formatReceiptInstant(r.createdAt, zone)}</Fact>
            <Fact label="Status">{status.label}</Fact>
            {r.refundedCents > 0 ? (
              <Fact label="Refunded">
                <Money cents={r.refundedCents} currency={r.currency} />
              </Fact>
            ) : null}
            <Fact label="Paid with">{methodLabel(r.method)}</Fact>
            {r.authorizationCode ? <Fact label="Authorization code">{r.authorizationCode}</Fact> : null}
            <Fact label="Practice">
              <span className="block">{r.practice.name}</span>
              {practiceAddressLines(r.practice).map((line) => (
                <span key={line} className="block font-normal">
                  {line}
                </span>
              ))}
              {r.practice.phone ? <span className="block font-normal">{r.practice.phone}</span> : null}
            </Fact>
            <Fact label={r.patientNames.length > 1 ? "Patients" : "Patient"}>
              {r.patientNames.join(", ")}
            </Fact>
            <Fact label="Account">
              {r.account.accountNumber}
              <span className="block font-normal">Guarantor: {r.account.guarantorName}</span>
            </Fact>
          </dl>
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Statements paid</h2>
        <Table caption="Amount applied to each statement">
          <TableHead className="text-sm">
            <HeaderCell>Statement</HeaderCell>
            <HeaderCell isNumeric>Amount</HeaderCell>
          </TableHead>
          <tbody>
            {r.allocations.map((a) => (
              <Row key={a.statementNumber}>
                <RowHeader>{a.statementNumber}</RowHeader>
                <Cell isNumeric>
                  <Money cents={a.amountCents} currency={r.currency} />
                </Cell>
              </Row>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <RowHeader isStrong>Total</RowHeader>
              <Cell isNumeric className="font-bold">
                <Money cents={r.amountCents} currency={r.currency} />
              </Cell>
            </tr>
          </tfoot>
        </Table>
      </Card>

      {r.refunds.length ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Refunds and voids</h2>
          <ul className="flex flex-col gap-3">
            {r.refunds.map((f) => (
              <li key={f.id} className="rounded-md border border-slate-200 p-3">
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                  <dt className="text-slate-600">{refundKindLabel(f.kind)}</dt>
                  <dd className="text-right font-semibold">
                    <Money cents={f.amountCents} currency={f.currency} />
                  </dd>
                  <dt className="text-slate-600">Date</dt>
                  <dd className="text-right">{formatReceiptInstant(f.createdAt, zone)}</dd>
                  <dt className="text-slate-600">Status</dt>
                  <dd className="text-right">{refundStatusLabel(f.status)}</dd>
                  {f.reason ? (
                    <>
                      <dt className="text-slate-600">Reason</dt>
                      <dd className="text-right break-words">{f.reason}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
