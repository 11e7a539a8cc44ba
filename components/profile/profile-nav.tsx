"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

/** Each section's address, by its name in messages (Profile.nav). */
const SECTIONS = [
  { href: "/profile", key: "details" },
  { href: "/profile/email", key: "email" },
  { href: "/profile/password", key: "password" },
  { href: "/profile/security", key: "security" },
  { href: "/profile/preferences", key: "preferences" },
  { href: "/profile/accounts", key: "accounts" },
  { href: "/profile/sharing", key: "sharing" },
] as const;

/** The profile's sections: a column beside the page on wide screens, a wrapping row on phones. */
export function ProfileNav() {
  const t = useTranslations("Profile");
  const pathname = usePathname();
  const isCurrent = (href: string) =>
    href === "/profile" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={t("navLabel")}>
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
                {t(`nav.${s.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
