import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DailyChart } from "@/components/reports/daily-chart";
import { FigureCells, FigureTable } from "@/components/reports/figures";
import { AccountSearchForm } from "@/components/staff/account-search-form";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { hasPermission } from "@/lib/auth/permissions";
import { getClock } from "@/lib/clock";
import { formatDay } from "@/lib/dates";
import { CHART_DAYS, getDashboard, type TChartDays, type TPeriodFigures } from "@/lib/reports/dashboard";
import { CHANNEL_FILTERS, CHANNEL_KEYS, METHOD_FILTERS, METHOD_KEYS } from "@/lib/reports/filters";
import { getReportScope } from "@/lib/reports/transactions";

export const metadata: Metadata = { title: "Staff · Dashboard" };

const LINK = "text-brand-700 underline underline-offset-2";

function Period({ period, id }: { period: TPeriodFigures; id: string }) {
  const when =
    period.from.getTime() === period.to.getTime()
      ? formatDay(period.from)
      : `${formatDay(period.from)} to ${formatDay(period.to)}`;
  return (
    <Card>
      <h2 className="text-xl font-semibold">
        {period.label} <span className="text-base font-normal text-slate-700">({when})</span>
      </h2>
      <p className="mt-1 text-lg">
        Collected{" "}
        <Link
          href={period.collected.href}
          className={`${LINK} font-semibold`}
          data-testid={`${id}-collected-amount`}
        >
          <Money cents={period.collected.cents} />
        </Link>{" "}
        in{" "}
        <Link href={period.collected.href} className={LINK} data-testid={`${id}-collected-count`}>
          {period.collected.count} {period.collected.count === 1 ? "payment" : "payments"}
        </Link>
      </p>
      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="mb-1 font-semibold">By channel</h3>
          <FigureTable
            caption={`${period.label}: collected by channel`}
            heading="Channel"
            amountHeading="Collected"
            rows={CHANNEL_KEYS.map((k) => ({
              label: CHANNEL_FILTERS[k].label,
              figure: period.byChannel[k],
              testId: `${id}-channel-${k}`,
            }))}
          />
        </div>
        <div>
          <h3 className="mb-1 font-semibold">By method</h3>
          <FigureTable
            caption={`${period.label}: collected by method`}
            heading="Method"
            amountHeading="Collected"
            rows={METHOD_KEYS.map((k) => ({
              label: METHOD_FILTERS[k].label,
              figure: period.byMethod[k],
              testId: `${id}-method-${k}`,
            }))}
          />
        </div>
      </div>
      <h3 className="mt-4 mb-1 font-semibold">Declines, refunds, voids and returns</h3>
      <Table caption={`${period.label}: declines, refunds, voids and returns`} className="text-sm">
        <TableHead>
          <HeaderCell>What</HeaderCell>
          <HeaderCell isNumeric>Payments</HeaderCell>
          <HeaderCell isNumeric>Amount</HeaderCell>
        </TableHead>
        <tbody>
          <Row>
            <RowHeader>Declined or failed</RowHeader>
            <FigureCells figure={period.declines} testId={`${id}-declines`} />
          </Row>
          <Row>
            <RowHeader>Refunded (the amount refunded)</RowHeader>
            <FigureCells figure={period.refunds} testId={`${id}-refunds`} />
          </Row>
          <Row>
            <RowHeader>Voided</RowHeader>
            <FigureCells figure={period.voids} testId={`${id}-voids`} />
          </Row>
          <Row>
            <RowHeader>Returned (bank debits)</RowHeader>
            <FigureCells figure={period.returns} testId={`${id}-returns`} />
          </Row>
        </tbody>
      </Table>
    </Card>
  );
}

export default async function StaffHomePage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; days?: string }>;
}) {
  const actor = await staffPage();
  const { q, days: daysParam } = await searchParams;
  // The search's old address (/staff?q=…) still finds the account.
  if (typeof q === "string") redirect(`/staff/search?q=${encodeURIComponent(q)}`);
  if (!hasPermission(actor.role, "reports.view")) redirect("/staff/search");
  const days: TChartDays = daysParam === "90" ? 90 : 30;
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const dashboard = await getDashboard({ scope, now: getClock().now(), days });
  return (
    <>
      <PageTitle
        description={`The practice's payments by the day they were made, on its clock (${scope.timeZone}). Every figure opens the payments behind it.`}
      >
        Dashboard
      </PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <AccountSearchForm />
          <p className="mt-2 text-sm text-slate-700">
            By account number, statement number, guarantor or patient name, or date of birth (MM/DD/YYYY).
          </p>
        </Card>
        <Period period={dashboard.today} id="today" />
        <Period period={dashboard.month} id="month" />
        <Card>
          <h2 className="text-xl font-semibold">Still pending</h2>
          <p className="mt-1">
            <Link href={dashboard.pending.href} className={LINK} data-testid="pending-count">
              {dashboard.pending.count} {dashboard.pending.count === 1 ? "payment" : "payments"}
            </Link>{" "}
            for{" "}
            <Link href={dashboard.pending.href} className={LINK} data-testid="pending-amount">
              <Money cents={dashboard.pending.cents} />
            </Link>{" "}
            wait for the processor&apos;s answer, whenever they were made.
          </p>
        </Card>
        <Card>
          <h2 className="text-xl font-semibold">Daily collections, last {dashboard.days} days</h2>
          <nav aria-label="Days shown" className="mt-1 mb-3 flex gap-4 text-sm">
            {CHART_DAYS.map((d) =>
              d === days ? (
                <span key={d} aria-current="page" className="font-semibold">
                  {d} days
                </span>
              ) : (
                <Link key={d} href={d === 30 ? "/staff" : `/staff?days=${d}`} className={LINK}>
                  {d} days
                </Link>
              ),
            )}
          </nav>
          <DailyChart
            title={`Daily collections, last ${dashboard.days} days`}
            points={dashboard.daily.map((p) => ({ day: p.day, ...p.collected }))}
          />
        </Card>
      </div>
    </>
  );
}
