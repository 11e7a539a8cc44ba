import type { TStaffPayment } from "@/lib/payments/staff-queries";

type PaymentStatus = TStaffPayment["status"];

const LABELS: Record<PaymentStatus, { label: string; className: string }> = {
  PENDING: { label: "Pending", className: "bg-amber-100 text-amber-900" },
  AUTHORIZED: { label: "Authorized", className: "bg-blue-100 text-blue-900" },
  CAPTURED: { label: "Captured", className: "bg-blue-100 text-blue-900" },
  SETTLED: { label: "Settled", className: "bg-green-100 text-green-900" },
  DECLINED: { label: "Declined", className: "bg-red-100 text-red-900" },
  FAILED: { label: "Failed", className: "bg-red-100 text-red-900" },
  VOIDED: { label: "Voided", className: "bg-slate-200 text-slate-800" },
  PARTIALLY_REFUNDED: { label: "Partially refunded", className: "bg-purple-100 text-purple-900" },
  REFUNDED: { label: "Refunded", className: "bg-slate-200 text-slate-800" },
  RETURNED: { label: "Returned", className: "bg-red-100 text-red-900" },
};

/** A payment's status as staff read it. */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const s = LABELS[status];
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-sm font-medium ${s.className}`}>
      {s.label}
    </span>
  );
}
