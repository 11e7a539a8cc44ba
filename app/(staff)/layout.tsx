import { getTranslations } from "next-intl/server";
import { EnglishOnly } from "@/components/english-only";
import { SiteHeader } from "@/components/site-header";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { MessagesFor } from "@/components/i18n/messages-for";
import { staffPage } from "@/lib/auth/page-guards";
import { hasPermission } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const [actor, t, tRole] = await Promise.all([
    staffPage(),
    getTranslations("StaffLayout"),
    getTranslations("StaffRoles"),
  ]);
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(actor.role, permission);
  const nav = [
    ...(can("reports.view") ? [{ href: "/staff", label: t("nav.dashboard") }] : []),
    { href: "/staff/search", label: t("nav.search") },
    ...(can("reports.view")
      ? [
          { href: "/staff/transactions", label: t("nav.transactions") },
          { href: "/staff/deposits", label: t("nav.deposits") },
        ]
      : []),
    ...(can("files.import") ? [{ href: "/staff/imports", label: t("nav.imports") }] : []),
    ...(can("files.export") ? [{ href: "/staff/exports", label: t("nav.exports") }] : []),
    ...(can("audit.view") ? [{ href: "/staff/audit", label: t("nav.audit") }] : []),
    ...(can("outbox.view")
      ? [
          { href: "/staff/outbox", label: t("nav.outbox") },
          { href: "/staff/sms", label: t("nav.sms") },
        ]
      : []),
    ...(can("api-keys.manage") ? [{ href: "/staff/api-keys", label: t("nav.apiKeys") }] : []),
    ...(can("webhooks.manage") ? [{ href: "/staff/webhooks", label: t("nav.webhooks") }] : []),
    ...(can("users.manage") ? [{ href: "/staff/users", label: t("nav.users") }] : []),
    ...(can("settings.manage")
      ? [
          { href: "/staff/posting-settings", label: t("nav.postingSettings") },
          { href: "/staff/refund-limit", label: t("nav.refundLimit") },
          { href: "/staff/email-appearance", label: t("nav.emailAppearance") },
        ]
      : []),
    { href: "/staff/roles", label: t("nav.roles") },
    { href: "/staff/security", label: t("nav.security") },
  ];

  // The staff console stays English (issue 15): marked so on a Spanish page.
  return (
    <EnglishOnly>
      <SiteHeader
        nav={nav}
        userName={t("userName", { name: actor.name, role: tRole(actor.role) })}
        homeHref="/staff"
        area={t("area")}
      />
      {/* In English whatever the request's language, like the rest of the console. */}
      <MessagesFor locale="en" only={["IdleSignOut"]}>
        <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      </MessagesFor>
      {/* Each page passes its client components their messages, in English (withStaffMessages). */}
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </EnglishOnly>
  );
}
