import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

/**
 * `isDocument`: load the page as a document of its own (a plain <a>), for pages whose
 * Content-Security-Policy differs from the others' (those that frame the gateway): a policy
 * stays with the document it came with, so a client-side navigation would keep the old one.
 */
export type TNavItem = { href: string; label: string; isDocument?: boolean };

const NAV_LINK_CLASS =
  "inline-block min-h-11 rounded-md px-3 py-2 font-medium text-brand-800 hover:bg-brand-50";

/** The header's own words; the staff console (English) passes none. */
export type THeaderLabels = { nav: string; signOut: string };

const ENGLISH_LABELS: THeaderLabels = { nav: "Main", signOut: "Sign out" };

export function SiteHeader({
  nav,
  userName,
  homeHref,
  area,
  labels = ENGLISH_LABELS,
}: {
  nav: TNavItem[];
  userName: string;
  homeHref: string;
  area?: string;
  /** In the reader's language (the patient pages); English when not given. */
  labels?: THeaderLabels;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href={homeHref} className="text-lg font-bold text-brand-800">
          Riverside Family Medicine
          {area ? (
            <span className="ml-2 rounded bg-slate-800 px-2 py-0.5 text-sm text-white">{area}</span>
          ) : null}
        </Link>
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-700">{userName}</span>
          <SignOutButton label={labels.signOut} />
        </div>
      </div>
      <nav aria-label={labels.nav} className="mx-auto max-w-5xl px-4">
        <ul className="flex flex-wrap gap-1 pb-2">
          {nav.map((item) => (
            <li key={item.href}>
              {item.isDocument ? (
                <a href={item.href} className={NAV_LINK_CLASS}>
                  {item.label}
                </a>
              ) : (
                <Link href={item.href} className={NAV_LINK_CLASS}>
                  {item.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
