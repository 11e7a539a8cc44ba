import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/money";
import { declineMessage } from "@/lib/gateway/decline-messages";

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
}: {
  status: PaymentStatus;
  amountCents: number;
  refundedCents: number;
  currency: string;
  declineCode?: string | null;
}): TReceiptStatusView => {
  switch (status) {
    case "PENDING":
      return {
        label: "Processing",
        headline: "Processing — we'll update this page",
        detail: "The payment processor hasn't confirmed this payment yet. Please don't pay again.",
        tone: "info",
        isCharged: false,
      };
    case "AUTHORIZED":
    case "CAPTURED":
    case "SETTLED":
      return { label: "Approved", headline: "Approved", detail: null, tone: "success", isCharged: true };
    case "VOIDED":
      return {
        label: "Voided",
        headline: "Voided",
        detail: "This payment was cancelled before it was processed, so you were not charged.",
        tone: "neutral",
        isCharged: false,
      };
    case "REFUNDED": {
      const refunded = formatCents(refundedCents || amountCents, currency);
      return {
        label: "Refunded",
        headline: `Refunded ${refunded}`,
        detail: "The full amount was returned to your payment method.",
        tone: "neutral",
        isCharged: true,
      };
    }
    case "PARTIALLY_REFUNDED":
      return {
        label: "Partially refunded",
        headline: "Partially refunded",
        detail: `Refunded ${formatCents(refundedCents, currency)} of ${formatCents(amountCents, currency)}.`,
        tone: "neutral",
        isCharged: true,
      };
    case "RETURNED":
      return {
        label: "Returned",
        headline: "Returned by your bank",
        detail: "Your bank sent this payment back, so the amount is owed again.",
        tone: "danger",
        isCharged: false,
      };
    case "DECLINED":
      return {
        label: "Declined",
        headline: "Declined",
        detail: `${declineMessage(declineCode)} You were not charged.`,
        tone: "danger",
        isCharged: false,
      };
    case "FAILED":
      return {
        label: "Failed",
        headline: "Failed",
        detail: "The payment could not be completed, and nothing was charged.",
        tone: "danger",
        isCharged: false,
      };
  }
};
