import { formatCents } from "@/lib/money";

/** An amount; `locale` is an Intl locale ("es-US": INTL_LOCALES in lib/locale.ts), English by default. */
export function Money({
  cents,
  currency = "USD",
  locale,
  className,
}: {
  cents: number;
  currency?: string;
  locale?: string;
  className?: string;
}) {
  return <span className={`tabular-nums ${className ?? ""}`}>{formatCents(cents, currency, locale)}</span>;
}
