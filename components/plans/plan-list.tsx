import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { PlanStatusBadge, statusWords } from "@/components/plans/plan-status";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import { readerLocale } from "@/lib/auth/reader-locale";
import { formatCents } from "@/lib/money";
import type { TPlanSummary } from "@/lib/plans/queries";

/** A list of plans, in the reader's language (English for staff). */
export async function PlanList({
  plans,
  hrefFor,
}: {
  plans: TPlanSummary[];
  hrefFor: (id: string) => string;
}) {
  const locale = await readerLocale();
  const [t, words, tFamily] = await Promise.all([
    getTranslations({ locale, namespace: "PlanList" }),
    getTranslations({ locale, namespace: "PlanWords" }),
    getTranslations({ locale, namespace: "Family" }),
  ]);
  const intlLocale = INTL_LOCALES[locale];
  const status = statusWords(words);
  return (
    <Table caption={t("caption")} isEmpty={plans.length === 0} empty={t("empty")}>
      <TableHead className="text-sm text-slate-700">
        <HeaderCell>{t("plan")}</HeaderCell>
        <HeaderCell>{t("status")}</HeaderCell>
        <HeaderCell isNumeric>{t("total")}</HeaderCell>
        <HeaderCell isNumeric>{t("leftToPay")}</HeaderCell>
        <HeaderCell>{t("nextCharge")}</HeaderCell>
      </TableHead>
      <tbody>
        {plans.map((p) => (
          <Row key={p.id}>
            <Cell>
              <Link href={hrefFor(p.id)} className="text-brand-700 underline underline-offset-2">
                {p.statementNumbers.join(", ")}
              </Link>
              <span className="block text-sm text-slate-700">
                {t("account", { number: p.accountNumber })}
              </span>
              {p.setUpBy ? (
                <span className="block text-sm text-slate-700">
                  {tFamily("setUpBy", { name: p.setUpBy })}
                </span>
              ) : null}
            </Cell>
            <Cell>
              <PlanStatusBadge status={p.status} label={status.plan(p.status)} />
            </Cell>
            <Cell isNumeric>
              <Money cents={p.totalCents} locale={intlLocale} />
            </Cell>
            <Cell isNumeric>
              <Money cents={p.remainingCents} locale={intlLocale} />
            </Cell>
            <Cell>
              {p.nextDue
                ? t("chargeOn", {
                    amount: formatCents(p.nextDue.amountCents, "USD", intlLocale),
                    date: formatDay(p.nextDue.dueDate, intlLocale),
                  })
                : "—"}
            </Cell>
          </Row>
        ))}
      </tbody>
    </Table>
  );
}
