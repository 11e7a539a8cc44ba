const LABELS: Record<string, { label: string; className: string }> = {
  OPEN: { label: "Due", className: "bg-amber-100 text-amber-900" },
  PARTIALLY_PAID: { label: "Partially paid", className: "bg-blue-100 text-blue-900" },
  PAID: { label: "Paid", className: "bg-green-100 text-green-900" },
  VOIDED: { label: "Voided", className: "bg-slate-200 text-slate-800" },
};

/** `label`: the status in the reader's language, where the caller is translated (StatementDetail). */
export function StatementStatusBadge({ status, label }: { status: string; label?: string }) {
  const s = LABELS[status] ?? { label: status, className: "bg-slate-200 text-slate-800" };
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-sm font-medium ${s.className}`}>
      {label ?? s.label}
    </span>
  );
}
