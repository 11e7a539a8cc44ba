import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffTransactions");
  return { title: t("metaTitle") };
}

const LINK = "text-brand-700 underline underline-offset-2";

type TSearchParams = Record<string, string | string[] | undefined>;

/** The address's values as typed (the first of each), for the form to show back. */
const typedValues = (params: TSearchParams) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]),
  ) as Partial<Record<TFilterField, string>>;

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const [actor, t] = await Promise.all([staffPage("reports.view"), getTranslations("StaffTransactions")]);
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
      <PageTitle description={t("description", { timeZone: scope.timeZone })}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="mb-3 text-xl font-semibold">{t("filters")}</h2>
          {errors.cursor ? (
            <p role="alert" className="mb-3 text-red-700">
              {errors.cursor[0]}{" "}
              <Link href="/staff/transactions" className={LINK}>
                {t("firstPage")}
              </Link>
            </p>
          ) : null}
          {!parsed.success && !errors.cursor ? (
            <p role="alert" className="mb-3 text-red-700">
              {t("invalid")}
            </p>
          ) : null}
          <TransactionFiltersForm values={typedValues(params)} errors={errors} staff={staff} />
        </Card>
        {filters?.batch ? (
          <Card>
            <h2 className="text-xl font-semibold">{t("deposit")}</h2>
            {deposit ? (
              <p className="mt-1" data-testid="deposit-summary">
                {t.rich("depositSummary", {
                  trace: deposit.traceNumber,
                  date: formatDay(deposit.effectiveDate),
                  net: () => <Money cents={deposit.totalCents} />,
                  sales: () => <Money cents={deposit.salesCents} />,
                  refunds: () => <Money cents={deposit.refundsCents} />,
                  returns: () => <Money cents={deposit.itemReturnsCents} />,
                  chargebacks: () => <Money cents={deposit.chargebacksCents} />,
                })}
                {deposit.isReconciled
                  ? "."
                  : t("notReconciled", {
                      count: String(deposit.itemCount),
                      known: String(deposit.storedItems),
                    })}{" "}
                <Link href="/staff/deposits" className={LINK}>
                  {t("allDeposits")}
                </Link>
              </p>
            ) : (
              <p className="mt-1">{t("foreignDeposit")}</p>
            )}
          </Card>
        ) : null}
        {page && totals && filters ? (
          <Card>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-xl font-semibold" aria-live="polite">
                <span data-testid="transactions-count">{totals.count}</span>{" "}
                {t("paymentNoun", { count: totals.count })},{" "}
                <Money cents={totals.amountCents} className="font-semibold" />
                <span className="sr-only">{t("inAll")}</span>
                {totals.refundedCents > 0 ? (
                  <span className="text-base font-normal text-slate-700">
                    {" "}
                    {t.rich("refundedTotal", { amount: () => <Money cents={totals.refundedCents} /> })}
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
                    {t("prepareCsv")}
                  </a>
                  <span className="text-sm text-slate-700">{t("longList")}</span>
                </div>
              ) : (
                <a
                  href={`/staff/transactions/csv${csvQuery ? `?${csvQuery}` : ""}`}
                  className={buttonClass("secondary")}
                  download
                >
                  {t("downloadCsv")}
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
              caption={t("caption")}
              className="text-sm"
              isScrollRegion
              isEmpty={page.rows.length === 0}
              empty={t("none")}
              testId="transactions"
            >
              <TableHead>
                <HeaderCell>{t("made")}</HeaderCell>
                <HeaderCell>{t("receipt")}</HeaderCell>
                <HeaderCell>{t("account")}</HeaderCell>
                <HeaderCell>{t("payer")}</HeaderCell>
                <HeaderCell>{t("channel")}</HeaderCell>
                <HeaderCell>{t("method")}</HeaderCell>
                <HeaderCell>{t("status")}</HeaderCell>
                <HeaderCell isNumeric>{t("amount")}</HeaderCell>
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
                          {t("takenBy", { name: `${r.takenByFirstName} ${r.takenByLastName}` })}
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
                          {t.rich("refunded", {
                            amount: () => <Money cents={r.refundedCents} currency={r.currency} />,
                          })}
                        </span>
                      ) : null}
                    </Cell>
                  </Row>
                ))}
              </tbody>
            </Table>
            <nav aria-label={t("pages")} className="mt-4 flex items-center gap-4">
              {filters.after ? (
                <Link href={transactionsHref(filters)} className={LINK}>
                  {t("firstPage")}
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link href={transactionsHref(filters, { cursor: page.nextCursor })} className={LINK}>
                  {t("nextPage")}
                </Link>
              ) : null}
            </nav>
          </Card>
        ) : null}
      </div>
    </>
  );
}
