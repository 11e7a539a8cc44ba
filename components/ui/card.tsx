import Link from "next/link";

export function Card({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6 ${className}`}>
      {children}
    </section>
  );
}

/** The way back to the page this one belongs to (an account, the plans, the search). */
export const BackLink = ({ href, children }: { href: string; children: React.ReactNode }) => (
  <Link href={href} className="text-brand-700 underline underline-offset-2">
    ← {children}
  </Link>
);

export function PageTitle({
  children,
  description,
  back,
}: {
  children: React.ReactNode;
  description?: React.ReactNode;
  /** A BackLink above the title. */
  back?: { href: string; label: React.ReactNode };
}) {
  const title = (
    <div className="mb-6">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{children}</h1>
      {description ? <p className="mt-1 text-slate-700">{description}</p> : null}
    </div>
  );
  if (!back) return title;
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <div className="mt-4">{title}</div>
    </>
  );
}
