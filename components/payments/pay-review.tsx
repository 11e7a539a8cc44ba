"use client";

import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { INTL_LOCALES } from "@/lib/locale";
import { formatCents } from "@/lib/money";

/** One line of the payment under review: a statement and the amount paid on it. */
export type TPayReviewLine = {
  statementId: string;
  statementNumber: string;
  cents: number;
  currency: string;
};

/**
 * "Review your payment": the statements and amounts, the total, what pays it and where the
 * receipt goes, then Pay or back to the details. A card or bank account typed into the hosted
 * fields is paid only from here; a wallet's own sheet is its review.
 */
export function PayReview({
  lines,
  totalCents,
  payWithLabel,
  receiptEmail,
  willSaveMethod,
  message,
  isPaying,
  onPay,
  onChangeDetails,
}: {
  lines: TPayReviewLine[];
  totalCents: number;
  payWithLabel: string;
  /** Shown as "Receipt to" when the guest gave one. */
  receiptEmail: string | null;
  /** A new method that is saved in the wallet once the payment goes through. */
  willSaveMethod: boolean;
  message: string | null;
  isPaying: boolean;
  onPay: () => void;
  onChangeDetails: () => void;
}) {
  const id = useId();
  const t = useTranslations("PayReview");
  const intlLocale = INTL_LOCALES[useLocale()];
  const total = formatCents(totalCents, lines[0]?.currency ?? "USD", intlLocale);
  return (
    <section aria-labelledby={`${id}-review`} className="flex flex-col gap-4">
      <h2 id={`${id}-review`} className="text-xl font-semibold">
        {t("title")}
      </h2>
      <FormMessage state={message ? { ok: false, message } : null} />
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-2">
        {lines.map((line) => (
          <div key={line.statementId} className="contents">
            <dt>{t("statement", { number: line.statementNumber })}</dt>
            <dd className="text-right tabular-nums">{formatCents(line.cents, line.currency, intlLocale)}</dd>
          </div>
        ))}
        <dt className="border-t border-slate-300 pt-2 font-bold">{t("total")}</dt>
        <dd
          className="border-t border-slate-300 pt-2 text-right font-bold tabular-nums"
          data-testid="pay-total"
        >
          {total}
        </dd>
        <dt>{t("payingWith")}</dt>
        <dd className="text-right">{payWithLabel}</dd>
        {receiptEmail ? (
          <>
            <dt>{t("receiptTo")}</dt>
            <dd className="text-right break-all">{receiptEmail}</dd>
          </>
        ) : null}
      </dl>
      {willSaveMethod ? <p className="text-sm text-slate-700">{t("willSave")}</p> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="button" onClick={onPay} disabled={isPaying} aria-disabled={isPaying}>
          {isPaying ? t("paying") : t("pay", { amount: total })}
        </Button>
        <Button type="button" variant="secondary" disabled={isPaying} onClick={onChangeDetails}>
          {t("change")}
        </Button>
      </div>
    </section>
  );
}
