"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/profile", label: "Your details" },
  { href: "/profile/email", label: "Email address" },
  { href: "/profile/password", label: "Password" },
  { href: "/profile/security", label: "Two-step sign-in" },
  { href: "/profile/preferences", label: "Communication preferences" },
  { href: "/profile/accounts", label: "Linked accounts" },
  { href: "/profile/sharing", label: "Family and shared access" },
] as const;

/** The profile's sections: a column beside the page on wide screens, a wrapping row on phones. */
export function ProfileNav() {
  const pathname = usePathname();
  const isCurrent = (href: string) =>
    href === "/profile" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Profile sections">
      <ul className="flex flex-wrap gap-2 md:flex-col md:gap-1">
        {SECTIONS.map((s) => {
          const isActive = isCurrent(s.href);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={isActive ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md border px-3 py-2 font-medium md:flex md:w-full ${
                  isActive
                    ? "border-brand-700 bg-brand-50 text-brand-800"
                    : "border-slate-200 bg-white text-brand-800 hover:bg-brand-50 md:border-transparent md:bg-transparent"
                }`}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
