import { useLocale, useTranslations } from "next-intl";
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
import { DEFAULT_LOCALE, INTL_LOCALES, isLocale } from "@/lib/locale";
import { receiptStatusView } from "@/lib/receipts/status";
import { RECEIPT_STRINGS } from "@/lib/receipts/strings";
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
  const t = useTranslations("Receipt");
  const current = useLocale();
  const locale = isLocale(current) ? current : DEFAULT_LOCALE;
  const intlLocale = INTL_LOCALES[locale];
  const strings = RECEIPT_STRINGS[locale];
  const status = receiptStatusView({ ...r, locale });
  const zone = r.practice.timeZone;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-col gap-4">
          <ReceiptStatusLine view={status} />
          <div>
            <p className="text-sm text-slate-700">{t("amount")}</p>
            <p className="text-3xl font-bold" data-testid="receipt-amount">
              <Money cents={r.amountCents} currency={r.currency} locale={intlLocale} />
            </p>
          </div>
          <dl className="flex flex-col gap-3">
            <Fact label={t("receiptNumber")}>
              <span data-testid="receipt-number">{r.receiptNumber}</span>
            </Fact>
            <Fact label={t("dateTime")}>{formatReceiptInstant(r.createdAt, zone, intlLocale)}</Fact>
            <Fact label={t("status")}>{status.label}</Fact>
            {r.refundedCents > 0 ? (
              <Fact label={t("refunded")}>
                <Money cents={r.refundedCents} currency={r.currency} locale={intlLocale} />
              </Fact>
            ) : null}
            <Fact label={t("paidWith")}>{methodLabel(r.method, locale)}</Fact>
            {r.authorizationCode ? <Fact label={t("authorizationCode")}>{r.authorizationCode}</Fact> : null}
            <Fact label={t("practice")}>
              <span className="block">{r.practice.name}</span>
              {practiceAddressLines(r.practice).map((line) => (
                <span key={line} className="block font-normal">
                  {line}
                </span>
              ))}
              {r.practice.phone ? <span className="block font-normal">{r.practice.phone}</span> : null}
            </Fact>
            <Fact label={t("patients", { count: r.patientNames.length })}>{r.patientNames.join(", ")}</Fact>
            <Fact label={t("account")}>
              {r.account.accountNumber}
              <span className="block font-normal">{t("guarantor", { name: r.account.guarantorName })}</span>
            </Fact>
          </dl>
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("statementsPaid")}</h2>
        <Table caption={t("allocationCaption")}>
          <TableHead className="text-sm">
            <HeaderCell>{t("statement")}</HeaderCell>
            <HeaderCell isNumeric>{t("amount")}</HeaderCell>
          </TableHead>
          <tbody>
            {r.allocations.map((a) => (
              <Row key={a.statementNumber}>
                <RowHeader>{a.statementNumber}</RowHeader>
                <Cell isNumeric>
                  <Money cents={a.amountCents} currency={r.currency} locale={intlLocale} />
                </Cell>
              </Row>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <RowHeader isStrong>{t("total")}</RowHeader>
              <Cell isNumeric className="font-bold">
                <Money cents={r.amountCents} currency={r.currency} locale={intlLocale} />
              </Cell>
            </tr>
          </tfoot>
        </Table>
      </Card>

      {r.refunds.length ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("refundsAndVoids")}</h2>
          <ul className="flex flex-col gap-3">
            {r.refunds.map((f) => (
              <li key={f.id} className="rounded-md border border-slate-200 p-3">
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                  <dt className="text-slate-600">{refundKindLabel(f.kind, strings)}</dt>
                  <dd className="text-right font-semibold">
                    <Money cents={f.amountCents} currency={f.currency} locale={intlLocale} />
                  </dd>
                  <dt className="text-slate-600">{t("date")}</dt>
                  <dd className="text-right">{formatReceiptInstant(f.createdAt, zone, intlLocale)}</dd>
                  <dt className="text-slate-600">{t("status")}</dt>
                  <dd className="text-right">{refundStatusLabel(f.status, strings)}</dd>
                  {f.reason ? (
                    <>
                      <dt className="text-slate-600">{t("reason")}</dt>
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
