import { getTranslations } from "next-intl/server";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { InstallmentCells } from "@/components/plans/installment-cells";
import { statusWords } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { readerLocale } from "@/lib/auth/reader-locale";
import type { TPlanDetail } from "@/lib/plans/queries";

/**
 * The plan's installments: paid, due, declined (with the retry date), skipped, cancelled; in the
 * reader's language (English for staff).
 */
export async function PlanSchedule({ plan }: { plan: TPlanDetail }) {
  const locale = await readerLocale();
  const t = await getTranslations({ locale, namespace: "PlanWords" });
  const intlLocale = INTL_LOCALES[locale];
  const words = statusWords(t);
  return (
    <Table caption={t("installments")} testId="plan-schedule">
      <TableHead className="text-sm text-slate-700">
        <HeaderCell>{t("number")}</HeaderCell>
        <HeaderCell>{t("due")}</HeaderCell>
        <HeaderCell isNumeric>{t("amount")}</HeaderCell>
        <HeaderCell>{t("statusHeader")}</HeaderCell>
      </TableHead>
      <tbody>
        {plan.installments.map((i) => {
          const status = words.installment(i.status);
          return (
            <Row key={i.sequence}>
              <InstallmentCells installment={i} locale={intlLocale} />
              <Cell>
                {i.status !== "FAILED"
                  ? status
                  : i.nextAttemptOn
                    ? t("retryOn", { status, date: formatDay(i.nextAttemptOn, intlLocale) })
                    : t("noMoreAttempts", { status })}
              </Cell>
            </Row>
          );
        })}
      </tbody>
    </Table>
  );
}
