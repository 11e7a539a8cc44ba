import { buttonClass } from "@/components/ui/button-class";

/**
 * A link into a pay page. It is a plain <a>, not next/link, on purpose: the pay pages are the
 * only ones whose Content-Security-Policy lets them frame the gateway's hosted fields, and a
 * policy applies to the document it came with, so the pay page must be loaded as a document
 * of its own rather than swapped in by a client-side navigation.
 */
export function PayLink({
  href,
  children,
}: {
  href: "/pay" | `/pay?${string}` | "/guest/pay";
  children: React.ReactNode;
}) {
  return (
    <a href={href} className={buttonClass("primary")}>
      {children}
    </a>
  );
}
