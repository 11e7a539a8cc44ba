import type { Metadata } from "next";
import Link from "next/link";
import { PaymentStatusBadge } from "@/app/(staff)/staff/payments/_components/payment-status-badge";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatDay, formatInstant } from "@/lib/dates";
import { methodLabel } from "@/lib/method-label";
import { nullIfNotFound } from "@/lib/not-found";
import { getDepositOrThrow } from "@/lib/reports/deposits";
import {
  CHANNEL_FILTERS,
  ZTransactionFilters,
  filtersToSearchParams,
  reportChannelOf,
  transactionsHref,
  type TFilterField,
} from "@/lib/reports/filters";
import {
  getReportScope,
  listPracticeStaff,
  listTransactions,
  transactionTotals,
} from "@/lib/reports/transactions";
import { isLargeCsv } from "@/lib/reports/transactions-export";
import { TransactionFiltersForm } from "./_components/filters-form";

export const metadata: Metadata = { title: "Staff · Transactions" };

const LINK = "text-brand-700 underline underline-offset-2";

type TSearchParams = Record<string, string | string[] | undefined>;

/** The address's values as typed (the first of each), for the form to show back. */
const typedValues = (params: TSearchParams) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]),
  ) as Partial<Record<TFilterField, string>>;

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const actor = await staffPage("reports.view");
  const params = await searchParams;
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const staff = await listPracticeStaff({ practiceId: actor.practiceId });
  const parsed = ZTransactionFilters.safeParse(params);
  const errors: Partial<Record<TFilterField, string[]>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "from") as TFilterField;
      (errors[field] ??= []).push(issue.message);
    }
  }
  const filters = parsed.success ? parsed.data : null;
  const [page, totals, deposit] = filters
    ? await Promise.all([
        listTransactions({ scope, filters }),
        transactionTotals({ scope, filters }),
        filters.batch
          ? nullIfNotFound(getDepositOrThrow({ practiceId: actor.practiceId, batchId: filters.batch }))
          : null,
      ])
    : [null, null, null];
  const csvQuery = filters ? filtersToSearchParams(filters).toString() : "";
  return (
    <>
      <PageTitle
        description={`The practice's payments, by the day they were made on its clock (${scope.timeZone}). Filters stay in the address: bookmark or share a list.`}
      >
        Transactions
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">Filters</h2>
          {errors.cursor ? (
            <p role="alert" className="mb-3 text-red-700">
              {errors.cursor[0]}{" "}
              <Link href="/staff/transactions" className={LINK}>
                First page
              </Link>
            </p>
          ) : null}
          {!parsed.success && !errors.cursor ? (
            <p role="alert" className="mb-3 text-red-700">
              Some filters are not valid: see the fields marked below.
            </p>
          ) : null}
          <TransactionFiltersForm values={typedValues(params)} errors={errors} staff={staff} />
        </Card>
        {filters?.batch ? (
          <Card>
            <h2 className="text-xl font-semibold">Deposit</h2>
            {deposit ? (
              <p className="mt-1" data-testid="deposit-summary">
                Trace {deposit.traceNumber}, deposited {formatDay(deposit.effectiveDate)}: net{" "}
                <Money cents={deposit.totalCents} /> = sales <Money cents={deposit.salesCents} /> − refunds{" "}
                <Money cents={deposit.refundsCents} /> − returns <Money cents={deposit.itemReturnsCents} /> −
                chargebacks <Money cents={deposit.chargebacksCents} />
                {deposit.isReconciled
                  ? "."
                  : `; the gateway counts ${deposit.itemCount} transactions and ${deposit.storedItems} are known here, so it does not reconcile.`}{" "}
                <Link href="/staff/deposits" className={LINK}>
                  All deposits
                </Link>
              </p>
            ) : (
              <p className="mt-1">This deposit is not one of this practice&apos;s.</p>
            )}
          </Card>
        ) : null}
        {page && totals && filters ? (
          <Card>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-xl font-semibold" aria-live="polite">
                <span data-testid="transactions-count">{totals.count}</span>{" "}
                {totals.count === 1 ? "payment" : "payments"},{" "}
                <Money cents={totals.amountCents} className="font-semibold" />
                <span className="sr-only"> in all</span>
                {totals.refundedCents > 0 ? (
                  <span className="text-base font-normal text-slate-700">
                    {" "}
                    (refunded <Money cents={totals.refundedCents} />)
                  </span>
                ) : null}
              </h2>
              {isLargeCsv(totals.count) ? (
                // Too many rows to stream while the browser waits: a job prepares it, on a page of its own.
                <div className="flex flex-col items-end gap-1">
                  <a
                    href={`/staff/transactions/csv${csvQuery ? `?${csvQuery}` : ""}`}
                    className={buttonClass("secondary")}
                  >
                    Prepare CSV
                  </a>
                  <span className="text-sm text-slate-700">
                    A long list: it is prepared in the background, with its progress shown.
                  </span>
                </div>
              ) : (
                <a
                  href={`/staff/transactions/csv${csvQuery ? `?${csvQuery}` : ""}`}
                  className={buttonClass("secondary")}
                  download
                >
                  Download CSV
                </a>
              )}
            </div>
            <p hidden data-testid="transactions-amount-cents">
              {totals.amountCents}
            </p>
            <p hidden data-testid="transactions-refunded-cents">
              {totals.refundedCents}
            </p>
            <Table
              caption="Payments that match the filters"
              className="text-sm"
              isScrollRegion
              isEmpty={page.rows.length === 0}
              empty="No payment matches these filters."
              testId="transactions"
            >
              <TableHead>
                <HeaderCell>Made</HeaderCell>
                <HeaderCell>Receipt</HeaderCell>
                <HeaderCell>Account</HeaderCell>
                <HeaderCell>Payer</HeaderCell>
                <HeaderCell>Channel</HeaderCell>
                <HeaderCell>Method</HeaderCell>
                <HeaderCell>Status</HeaderCell>
                <HeaderCell isNumeric>Amount</HeaderCell>
              </TableHead>
              <tbody>
                {page.rows.map((r) => (
                  <Row key={r.id}>
                    <Cell className="whitespace-nowrap">{formatInstant(r.createdAt, scope.timeZone)}</Cell>
                    <RowHeader>
                      <Link href={`/staff/payments/${r.id}`} className={LINK}>
                        {r.receiptNumber}
                      </Link>
                    </RowHeader>
                    <Cell>{r.accountNumber}</Cell>
                    <Cell>{r.payerName ?? "—"}</Cell>
                    <Cell>
                      {CHANNEL_FILTERS[reportChannelOf(r)].label}
                      {r.takenByLastName ? (
                        <span className="block text-slate-700">
                          by {r.takenByFirstName} {r.takenByLastName}
                        </span>
                      ) : null}
                    </Cell>
                    <Cell>{methodLabel({ kind: r.methodKind, brand: r.brand, last4: r.last4 })}</Cell>
                    <Cell>
                      <PaymentStatusBadge status={r.status} />
                    </Cell>
                    <Cell isNumeric>
                      <Money cents={r.amountCents} currency={r.currency} />
                      {r.refundedCents > 0 ? (
                        <span className="block text-slate-700">
                          refunded <Money cents={r.refundedCents} currency={r.currency} />
                        </span>
                      ) : null}
                    </Cell>
                  </Row>
                ))}
              </tbody>
            </Table>
            <nav aria-label="Pages" className="mt-4 flex items-center gap-4">
              {filters.after ? (
                <Link href={transactionsHref(filters)} className={LINK}>
                  First page
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link href={transactionsHref(filters, { cursor: page.nextCursor })} className={LINK}>
                  Next page
                </Link>
              ) : null}
            </nav>
          </Card>
        ) : null}
      </div>
    </>
  );
}
