import Link from "next/link";

/** The frame of pages for people who are not signed in (sign-in pages, guest lookup). */
export function PublicLayout({
  children,
  aside,
  width = "max-w-5xl",
}: {
  children: React.ReactNode;
  aside: { href: string; label: string };
  width?: string;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-brand-800">
            Riverside Family Medicine
          </Link>
          <Link href={aside.href} className="text-brand-700 underline underline-offset-2">
            {aside.label}
          </Link>
        </div>
      </header>
      <main id="main" className={`mx-auto w-full ${width} flex-1 px-4 py-6 sm:py-8`}>
        {children}
      </main>
    </div>
  );
}
