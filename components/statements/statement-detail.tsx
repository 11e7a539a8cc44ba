import { useLocale, useTranslations } from "next-intl";
import { Money } from "@/components/ui/money";
import { Cell, HeaderCell, Row, Table, TableHead } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { StatementStatusBadge } from "@/components/statements/status-badge";
import { formatDay } from "@/lib/dates";
import { INTL_LOCALES } from "@/lib/locale";
import type { TStatementDetail } from "@/lib/statements/queries";

const STATUSES = ["OPEN", "PARTIALLY_PAID", "PAID", "VOIDED"] as const;
const isStatementStatus = (status: string): status is (typeof STATUSES)[number] =>
  (STATUSES as readonly string[]).includes(status);

/**
 * A statement with its line items and totals; the same view for patients, guests and staff, in
 * the reader's language (its own `lang`, as it may sit in an area not translated yet).
 */
export function StatementDetail({ statement }: { statement: TStatementDetail }) {
  const s = statement;
  const t = useTranslations("Statement");
  const locale = useLocale();
  const intlLocale = INTL_LOCALES[locale];
  const day = (date: Date) => formatDay(date, intlLocale);
  const totals: [string, number][] = [
    [t("totalCharges"), s.totalChargesCents],
    [t("insurancePaid"), -s.insurancePaidCents],
    [t("adjustments"), -s.adjustmentsCents],
    [t("patientResponsibility"), s.amountDueCents],
    [t("paidSince"), -(s.amountDueCents - s.balanceCents)],
  ];
  return (
    <div lang={locale} className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold">{t("heading", { number: s.statementNumber })}</h2>
            <p className="text-slate-700">
              {s.account.practice.name}
              {s.providerName && s.providerName !== s.account.practice.name ? ` · ${s.providerName}` : ""}
            </p>
            <p className="text-slate-700">
              {t("patientLine", {
                name: `${s.patientFirstName} ${s.patientLastName}`,
                account: s.account.accountNumber,
              })}
            </p>
          </div>
          <div className="text-right">
            <p className="text-sm text-slate-700">{t("amountDue")}</p>
            <p className="text-3xl font-bold" data-testid="balance">
              <Money cents={s.balanceCents} currency={s.currency} locale={intlLocale} />
            </p>
            <StatementStatusBadge
              status={s.status}
              label={isStatementStatus(s.status) ? t(`status.${s.status}`) : undefined}
            />
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">{t("statementDate")}</dt>
            <dd>{day(s.statementDate)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("dueDate")}</dt>
            <dd>{s.dueDate ? day(s.dueDate) : t("onReceipt")}</dd>
          </div>
        </dl>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("services")}</h2>
        <ul className="flex flex-col gap-3 sm:hidden">
          {s.lines.map((l) => (
            <li key={l.id} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">{l.description}</p>
              <p className="text-sm text-slate-700">
                {day(l.serviceDate)}
                {l.procedureCode ? ` · ${t("code", { code: l.procedureCode })}` : ""}
              </p>
              <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
                <dt>{t("charge")}</dt>
                <dd className="text-right">
                  <Money cents={l.chargeCents} locale={intlLocale} />
                </dd>
                <dt>{t("insurancePaid")}</dt>
                <dd className="text-right">
                  <Money cents={-l.insurancePaidCents} locale={intlLocale} />
                </dd>
                <dt>{t("adjustment")}</dt>
                <dd className="text-right">
                  <Money cents={-l.adjustmentCents} locale={intlLocale} />
                </dd>
                <dt className="font-semibold">{t("youOwe")}</dt>
                <dd className="text-right font-semibold">
                  <Money cents={l.patientRespCents} locale={intlLocale} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
        <Table
          caption={t("servicesCaption", { number: s.statementNumber })}
          className="hidden text-sm sm:table"
        >
          <TableHead>
            <HeaderCell>{t("dateOfService")}</HeaderCell>
            <HeaderCell>{t("description")}</HeaderCell>
            <HeaderCell>{t("codeHeader")}</HeaderCell>
            <HeaderCell isNumeric>{t("charge")}</HeaderCell>
            <HeaderCell isNumeric>{t("insurancePaid")}</HeaderCell>
            <HeaderCell isNumeric>{t("adjustment")}</HeaderCell>
            <HeaderCell isNumeric>{t("youOwe")}</HeaderCell>
          </TableHead>
          <tbody>
            {s.lines.map((l) => (
              <Row key={l.id}>
                <Cell className="whitespace-nowrap">{day(l.serviceDate)}</Cell>
                <Cell>{l.description}</Cell>
                <Cell>{l.procedureCode}</Cell>
                <Cell isNumeric>
                  <Money cents={l.chargeCents} locale={intlLocale} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={-l.insurancePaidCents} locale={intlLocale} />
                </Cell>
                <Cell isNumeric>
                  <Money cents={-l.adjustmentCents} locale={intlLocale} />
                </Cell>
                <Cell isNumeric className="font-semibold">
                  <Money cents={l.patientRespCents} locale={intlLocale} />
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
                <Money cents={cents} currency={s.currency} locale={intlLocale} />
              </dd>
            </div>
          ))}
          <dt className="border-t border-slate-300 pt-1 font-bold">{t("amountDue")}</dt>
          <dd className="border-t border-slate-300 pt-1 text-right font-bold">
            <Money cents={s.balanceCents} currency={s.currency} locale={intlLocale} />
          </dd>
        </dl>
      </Card>
    </div>
  );
}
