import type { Metadata } from "next";
import Link from "next/link";
import { Pager, pageFrom } from "@/components/staff/pager";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatDay, formatInstant } from "@/lib/dates";
import { listDeposits } from "@/lib/reports/deposits";
import { transactionsHref } from "@/lib/reports/filters";
import { getReportScope } from "@/lib/reports/transactions";

export const metadata: Metadata = { title: "Staff · Deposits" };

const LINK = "text-brand-700 underline underline-offset-2";

export default async function DepositsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await staffPage("reports.view");
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const { rows, total, page, pageSize } = await listDeposits({
    practiceId: actor.practiceId,
    page: pageFrom((await searchParams).page),
  });
  return (
    <>
      <PageTitle description="What the payment processor deposited into the practice's bank account, one settlement batch at a time, the latest first. Open one to see its payments.">
        Deposits
      </PageTitle>
      <Card>
        <Table
          caption="Deposits (settlement batches)"
          className="text-sm"
          isScrollRegion
          isEmpty={rows.length === 0}
          empty="No deposit yet: batches appear here once the processor has settled them."
          testId="deposits"
        >
          <TableHead>
            <HeaderCell>Deposit date</HeaderCell>
            <HeaderCell>Settled</HeaderCell>
            <HeaderCell isNumeric>Transactions</HeaderCell>
            <HeaderCell isNumeric>Sales</HeaderCell>
            <HeaderCell isNumeric>Refunds and chargebacks</HeaderCell>
            <HeaderCell isNumeric>Returns</HeaderCell>
            <HeaderCell isNumeric>Net deposit</HeaderCell>
            <HeaderCell>Trace number</HeaderCell>
            <HeaderCell>Reconciles</HeaderCell>
          </TableHead>
          <tbody>
            {rows.map((d) => (
              <Row key={d.id}>
                <RowHeader>
                  <Link href={transactionsHref({ batch: d.id })} className={LINK}>
                    {formatDay(d.effectiveDate)}
                  </Link>
                </RowHeader>
                <Cell className="whitespace-nowrap">{formatInstant(d.settledAt, scope.timeZone)}</Cell>
                <Cell isNumeric>{d.itemCount}</Cell>
                <Cell isNumeric>
                  <Money cents={d.salesCents} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={d.refundsCents + d.chargebacksCents} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={d.returnsCents} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={d.totalCents} />
                </Cell>
                <Cell className="font-mono">{d.traceNumber}</Cell>
                <Cell>
                  {d.isReconciled ? (
                    "Yes"
                  ) : (
                    <span className="text-red-800">
                      No: {d.storedItems} of {d.itemCount} transactions known, netting{" "}
                      <Money cents={d.netOfItemsCents} />
                    </span>
                  )}
                </Cell>
              </Row>
            ))}
          </tbody>
        </Table>
        <Pager page={page} pageSize={pageSize} total={total} basePath="/staff/deposits" />
      </Card>
    </>
  );
}
