/**
 * A link to a page that must arrive as a document of its own, not by a client-side navigation:
 * the pages that frame the gateway's hosted fields (paying, the wallet, a new plan, autopay) are
 * the only ones whose Content-Security-Policy allows it, and a policy applies to the document it
 * came with (proxy.ts; the pay pages have PayLink).
 */
export function DocumentLink({
  href,
  className,
  children,
}: {
  href: "/plans/new";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <a href={href} className={className}>
      {children}
    </a>
  );
}
