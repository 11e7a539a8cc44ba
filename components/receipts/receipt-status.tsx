import type { TReceiptStatusView, TStatusTone } from "@/lib/receipts/status";

const TONES: Record<TStatusTone, string> = {
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-brand-100 bg-brand-50 text-brand-800",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-900",
  neutral: "border-slate-300 bg-slate-50 text-slate-900",
};

const BADGES: Record<TStatusTone, string> = {
  success: "bg-green-100 text-green-900",
  info: "bg-blue-100 text-blue-900",
  warning: "bg-amber-100 text-amber-900",
  danger: "bg-red-100 text-red-900",
  neutral: "bg-slate-200 text-slate-800",
};

/**
 * The receipt's status line. A live region: while a payment is processing the page refreshes
 * itself, and the new status is announced when it arrives.
 */
export function ReceiptStatusLine({ view }: { view: TReceiptStatusView }) {
  return (
    <div role="status" className={`rounded-md border px-4 py-3 ${TONES[view.tone]}`}>
      <p className="text-lg font-semibold" data-testid="receipt-status">
        {view.headline}
      </p>
      {view.detail ? <p className="mt-1">{view.detail}</p> : null}
    </div>
  );
}

export function PaymentStatusBadge({ view }: { view: TReceiptStatusView }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-sm font-medium ${BADGES[view.tone]}`}>
      {view.label}
    </span>
  );
}
