import { formatCents } from "@/lib/money";

export function Money({
  cents,
  currency = "USD",
  className,
}: {
  cents: number;
  currency?: string;
  className?: string;
}) {
  return <span className={`tabular-nums ${className ?? ""}`}>{formatCents(cents, currency)}</span>;
}
