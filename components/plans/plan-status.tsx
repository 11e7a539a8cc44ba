const PLAN_TONES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-900",
  COMPLETED: "bg-slate-100 text-slate-800",
  CANCELLED: "bg-slate-100 text-slate-800",
  DEFAULTED: "bg-red-100 text-red-900",
};

const PLAN_STATUSES = ["ACTIVE", "COMPLETED", "CANCELLED", "DEFAULTED"] as const;
const INSTALLMENT_STATUSES = ["SCHEDULED", "PAID", "FAILED", "SKIPPED", "CANCELLED"] as const;

export const isPlanStatus = (s: string): s is (typeof PLAN_STATUSES)[number] =>
  (PLAN_STATUSES as readonly string[]).includes(s);
export const isInstallmentStatus = (s: string): s is (typeof INSTALLMENT_STATUSES)[number] =>
  (INSTALLMENT_STATUSES as readonly string[]).includes(s);

/** A plan's status; `label` is the status in the reader's language (PlanWords.status). */
export function PlanStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${PLAN_TONES[status] ?? ""}`}>
      {label}
    </span>
  );
}

type TPlanWords = (
  key: `status.${(typeof PLAN_STATUSES)[number]}` | `installment.${(typeof INSTALLMENT_STATUSES)[number]}`,
) => string;

/** A plan's and an installment's status in words, given the PlanWords translator (its statuses). */
export const statusWords = (t: TPlanWords) => ({
  plan: (status: string) => (isPlanStatus(status) ? t(`status.${status}`) : status),
  installment: (status: string) => (isInstallmentStatus(status) ? t(`installment.${status}`) : status),
});
