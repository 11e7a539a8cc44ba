import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffDashboard");
  return { title: t("metaTitle") };
}

const LINK = "text-brand-700 underline underline-offset-2";

async function Period({ period, id }: { period: TPeriodFigures; id: string }) {
  const t = await getTranslations("StaffDashboard");
  const when =
    period.from.getTime() === period.to.getTime()
      ? formatDay(period.from)
      : t("fromTo", { from: formatDay(period.from), to: formatDay(period.to) });
  return (
    <Card>
      <h2 className="text-xl font-semibold">
        {period.label} <span className="text-base font-normal text-slate-700">({when})</span>
      </h2>
      <p className="mt-1 text-lg">
        {t("collected")}{" "}
        <Link
          href={period.collected.href}
          className={`${LINK} font-semibold`}
          data-testid={`${id}-collected-amount`}
        >
          <Money cents={period.collected.cents} />
        </Link>{" "}
        {t("in")}{" "}
        <Link href={period.collected.href} className={LINK} data-testid={`${id}-collected-count`}>
          {t("paymentCount", { count: period.collected.count, n: String(period.collected.count) })}
        </Link>
      </p>
      <div className="mt-4 grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="mb-1 font-semibold">{t("byChannel")}</h3>
          <FigureTable
            caption={t("byChannelCaption", { period: period.label })}
            heading={t("channel")}
            amountHeading={t("collectedColumn")}
            rows={CHANNEL_KEYS.map((k) => ({
              label: CHANNEL_FILTERS[k].label,
              figure: period.byChannel[k],
              testId: `${id}-channel-${k}`,
            }))}
          />
        </div>
        <div>
          <h3 className="mb-1 font-semibold">{t("byMethod")}</h3>
          <FigureTable
            caption={t("byMethodCaption", { period: period.label })}
            heading={t("method")}
            amountHeading={t("collectedColumn")}
            rows={METHOD_KEYS.map((k) => ({
              label: METHOD_FILTERS[k].label,
              figure: period.byMethod[k],
              testId: `${id}-method-${k}`,
            }))}
          />
        </div>
      </div>
      <h3 className="mt-4 mb-1 font-semibold">{t("exceptions")}</h3>
      <Table caption={t("exceptionsCaption", { period: period.label })} className="text-sm">
        <TableHead>
          <HeaderCell>{t("what")}</HeaderCell>
          <HeaderCell isNumeric>{t("payments")}</HeaderCell>
          <HeaderCell isNumeric>{t("amount")}</HeaderCell>
        </TableHead>
        <tbody>
          <Row>
            <RowHeader>{t("declines")}</RowHeader>
            <FigureCells figure={period.declines} testId={`${id}-declines`} />
          </Row>
          <Row>
            <RowHeader>{t("refunds")}</RowHeader>
            <FigureCells figure={period.refunds} testId={`${id}-refunds`} />
          </Row>
          <Row>
            <RowHeader>{t("voids")}</RowHeader>
            <FigureCells figure={period.voids} testId={`${id}-voids`} />
          </Row>
          <Row>
            <RowHeader>{t("returns")}</RowHeader>
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
  const [actor, t] = await Promise.all([staffPage(), getTranslations("StaffDashboard")]);
  const { q, days: daysParam } = await searchParams;
  // The search's old address (/staff?q=…) still finds the account.
  if (typeof q === "string") redirect(`/staff/search?q=${encodeURIComponent(q)}`);
  if (!hasPermission(actor.role, "reports.view")) redirect("/staff/search");
  const days: TChartDays = daysParam === "90" ? 90 : 30;
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const dashboard = await getDashboard({ scope, now: getClock().now(), days });
  return (
    <>
      <PageTitle description={t("description", { timeZone: scope.timeZone })}>{t("title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <AccountSearchForm />
          <p className="mt-2 text-sm text-slate-700">{t("searchHint")}</p>
        </Card>
        <Period period={dashboard.today} id="today" />
        <Period period={dashboard.month} id="month" />
        <Card>
          <h2 className="text-xl font-semibold">{t("pendingHeading")}</h2>
          <p className="mt-1">
            {t.rich("pending", {
              count: () => (
                <Link href={dashboard.pending.href} className={LINK} data-testid="pending-count">
                  {t("paymentCount", { count: dashboard.pending.count, n: String(dashboard.pending.count) })}
                </Link>
              ),
              amount: () => (
                <Link href={dashboard.pending.href} className={LINK} data-testid="pending-amount">
                  <Money cents={dashboard.pending.cents} />
                </Link>
              ),
            })}
          </p>
        </Card>
        <Card>
          <h2 className="text-xl font-semibold">{t("daily", { days: String(dashboard.days) })}</h2>
          <nav aria-label={t("daysShown")} className="mt-1 mb-3 flex gap-4 text-sm">
            {CHART_DAYS.map((d) =>
              d === days ? (
                <span key={d} aria-current="page" className="font-semibold">
                  {t("days", { days: String(d) })}
                </span>
              ) : (
                <Link key={d} href={d === 30 ? "/staff" : `/staff?days=${d}`} className={LINK}>
                  {t("days", { days: String(d) })}
                </Link>
              ),
            )}
          </nav>
          <DailyChart
            title={t("daily", { days: String(dashboard.days) })}
            points={dashboard.daily.map((p) => ({ day: p.day, ...p.collected }))}
          />
        </Card>
      </div>
    </>
  );
}
