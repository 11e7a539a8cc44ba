import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/money";
import { declineMessage } from "@/lib/gateway/decline-messages";
import { DEFAULT_LOCALE, INTL_LOCALES, type TLocale } from "@/lib/locale";
import { RECEIPT_STRINGS } from "@/lib/receipts/strings";

export type TStatusTone = "success" | "info" | "warning" | "danger" | "neutral";

export type TReceiptStatusView = {
  /** A word or two, for lists and the PDF: "Approved", "Processing", "Partially refunded"… */
  label: string;
  /** The receipt page's status line. */
  headline: string;
  /** One sentence more, when there is something to explain. */
  detail: string | null;
  tone: TStatusTone;
  /** Whether money was ever taken; declined and failed attempts charged nothing. */
  isCharged: boolean;
};

/** Statuses in which the gateway approved the charge and nothing has undone it. */
export const APPROVED_STATUSES: readonly PaymentStatus[] = ["AUTHORIZED", "CAPTURED", "SETTLED"];

/**
 * How a payment's status reads to a person (page, history, PDF, email). Pure: money is formatted
 * here because this is already the edge, and every surface must say the same thing.
 */
export const receiptStatusView = ({
  status,
  amountCents,
  refundedCents,
  currency,
  declineCode = null,
  locale = DEFAULT_LOCALE,
}: {
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  currency: string;
  declineCode?: string | null;
  /** The reader's language (lib/locale.ts); the words are lib/receipts/strings.ts'. */
  locale?: TLocale;
}): TReceiptStatusView => {
  const s = RECEIPT_STRINGS[locale].status;
  const money = (cents: number) => formatCents(cents, currency, INTL_LOCALES[locale]);
  switch (status) {
    case "PENDING":
      return { ...s.processing, tone: "info", isCharged: false };
    case "AUTHORIZED":
    case "CAPTURED":
    case "SETTLED":
      return {
        label: s.approved.label,
        headline: s.approved.label,
        detail: null,
        tone: "success",
        isCharged: true,
      };
    case "VOIDED":
      return { ...s.voided, headline: s.voided.label, tone: "neutral", isCharged: false };
    case "REFUNDED":
      return {
        label: s.refunded.label,
        headline: s.refunded.headline(money(refundedCents || amountCents)),
        detail: s.refunded.detail,
        tone: "neutral",
        isCharged: true,
      };
    case "PARTIALLY_REFUNDED":
      return {
        label: s.partiallyRefunded.label,
        headline: s.partiallyRefunded.label,
        detail: s.partiallyRefunded.detail(money(refundedCents), money(amountCents)),
        tone: "neutral",
        isCharged: true,
      };
    case "RETURNED":
      return { ...s.returned, tone: "danger", isCharged: false };
    case "DECLINED":
      // The decline's reason is English only for now (docs/i18n.md, "Not translated yet").
      return {
        label: s.declined.label,
        headline: s.declined.label,
        detail: `${declineMessage(declineCode, locale)} ${s.declined.notCharged}`,
        tone: "danger",
        isCharged: false,
      };
    case "FAILED":
      return { ...s.failed, headline: s.failed.label, tone: "danger", isCharged: false };
  }
};
