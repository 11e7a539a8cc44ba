import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pager, pageFrom } from "@/components/staff/pager";
import { Card, PageTitle } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, RowHeader, Table, TableHead } from "@/components/ui/table";
import { staffPage } from "@/lib/auth/page-guards";
import { formatDay, formatInstant } from "@/lib/dates";
import { listDeposits } from "@/lib/reports/deposits";
import { transactionsHref } from "@/lib/reports/filters";
import { getReportScope } from "@/lib/reports/transactions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffDeposits");
  return { title: t("metaTitle") };
}

const LINK = "text-brand-700 underline underline-offset-2";

export default async function DepositsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const [actor, t] = await Promise.all([staffPage("reports.view"), getTranslations("StaffDeposits")]);
  const scope = await getReportScope({ practiceId: actor.practiceId });
  const { rows, total, page, pageSize } = await listDeposits({
    practiceId: actor.practiceId,
    page: pageFrom((await searchParams).page),
  });
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <Table
          caption={t("caption")}
          className="text-sm"
          isScrollRegion
          isEmpty={rows.length === 0}
          empty={t("none")}
          testId="deposits"
        >
          <TableHead>
            <HeaderCell>{t("date")}</HeaderCell>
            <HeaderCell>{t("settled")}</HeaderCell>
            <HeaderCell isNumeric>{t("transactions")}</HeaderCell>
            <HeaderCell isNumeric>{t("sales")}</HeaderCell>
            <HeaderCell isNumeric>{t("refunds")}</HeaderCell>
            <HeaderCell isNumeric>{t("returns")}</HeaderCell>
            <HeaderCell isNumeric>{t("net")}</HeaderCell>
            <HeaderCell>{t("trace")}</HeaderCell>
            <HeaderCell>{t("reconciles")}</HeaderCell>
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
                    t("yes")
                  ) : (
                    <span className="text-red-800">
                      {t("no", { stored: String(d.storedItems), count: String(d.itemCount) })}{" "}
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
