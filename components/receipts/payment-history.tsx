import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Money } from "@/components/ui/money";
import { PaymentStatusBadge } from "@/components/receipts/receipt-status";
import { INTL_LOCALES } from "@/lib/locale";
import { methodLabel } from "@/lib/method-label";
import { formatCents } from "@/lib/money";
import { formatReceiptInstant } from "@/lib/receipts/format";
import { receiptStatusView } from "@/lib/receipts/status";
import type { TPaymentHistoryItem } from "@/lib/receipts/types";

/**
 * A patient's payments, newest first, each linking to its receipt. Declined and failed
 * attempts stay in the list (a person who tried to pay should find the attempt); they, and
 * voided payments, are marked "Not charged" with the amount struck through.
 */
export function PaymentHistory({ payments }: { payments: TPaymentHistoryItem[] }) {
  const t = useTranslations("PaymentHistory");
  const locale = useLocale();
  const intlLocale = INTL_LOCALES[locale];
  if (payments.length === 0) {
    return <p className="text-slate-700">{t("empty")}</p>;
  }
  return (
    <ul className="divide-y divide-slate-200">
      {payments.map((p) => {
        const status = receiptStatusView({ ...p, locale });
        const isNotCharged = p.status === "DECLINED" || p.status === "FAILED" || p.status === "VOIDED";
        return (
          <li key={p.paymentId} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 py-3">
            <div className="min-w-0">
              <Link
                href={`/receipts/${p.paymentId}`}
                className="font-semibold text-brand-700 underline underline-offset-2"
              >
                {t("receipt", { number: p.receiptNumber })}
              </Link>
              <p className="text-sm text-slate-700">
                {formatReceiptInstant(p.createdAt, p.timeZone, intlLocale)} · {methodLabel(p.method, locale)}{" "}
                · {t("account", { number: p.accountNumber })}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <PaymentStatusBadge view={status} />
              {isNotCharged ? <span className="text-sm text-slate-700">{t("notCharged")}</span> : null}
              {p.refundedCents > 0 ? (
                <span className="text-sm text-slate-700">
                  {t("refunded", {
                    amount: formatCents(p.refundedCents, p.currency, intlLocale),
                  })}
                </span>
              ) : null}
              {isNotCharged ? (
                <del className="text-slate-600">
                  <Money
                    cents={p.amountCents}
                    currency={p.currency}
                    locale={intlLocale}
                    className="font-semibold"
                  />
                </del>
              ) : (
                <Money
                  cents={p.amountCents}
                  currency={p.currency}
                  locale={intlLocale}
                  className="font-semibold"
                />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
