const PLAN_TONES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-900",
  COMPLETED: "bg-slate-100 text-slate-800",
  CANCELLED: "bg-slate-100 text-slate-800",
  DEFAULTED: "bg-red-100 text-red-900",
};
const PLAN_LABELS: Record<string, string> = {
  ACTIVE: "Active",
  COMPLETED: "Paid off",
  CANCELLED: "Cancelled",
  DEFAULTED: "Defaulted",
};
const INSTALLMENT_LABELS: Record<string, string> = {
  SCHEDULED: "Scheduled",
  PAID: "Paid",
  FAILED: "Declined",
  SKIPPED: "Skipped",
  CANCELLED: "Cancelled",
};

export function PlanStatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${PLAN_TONES[status] ?? ""}`}>
      {PLAN_LABELS[status] ?? status}
    </span>
  );
}

export const installmentLabel = (status: string) => INSTALLMENT_LABELS[status] ?? status;
