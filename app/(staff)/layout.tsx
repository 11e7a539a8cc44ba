import { EnglishOnly } from "@/components/english-only";
import { SiteHeader } from "@/components/site-header";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { staffPage } from "@/lib/auth/page-guards";
import { ROLE_LABELS, hasPermission } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await staffPage();
  const nav = [
    ...(hasPermission(actor.role, "reports.view") ? [{ href: "/staff", label: "Dashboard" }] : []),
    { href: "/staff/search", label: "Find an account" },
    ...(hasPermission(actor.role, "reports.view")
      ? [
          { href: "/staff/transactions", label: "Transactions" },
          { href: "/staff/deposits", label: "Deposits" },
        ]
      : []),
    ...(hasPermission(actor.role, "files.import") ? [{ href: "/staff/imports", label: "File imports" }] : []),
    ...(hasPermission(actor.role, "files.export") ? [{ href: "/staff/exports", label: "File exports" }] : []),
    ...(hasPermission(actor.role, "audit.view") ? [{ href: "/staff/audit", label: "Audit log" }] : []),
    ...(hasPermission(actor.role, "outbox.view")
      ? [
          { href: "/staff/outbox", label: "Email outbox" },
          { href: "/staff/sms", label: "Text messages" },
        ]
      : []),
    ...(hasPermission(actor.role, "api-keys.manage") ? [{ href: "/staff/api-keys", label: "API keys" }] : []),
    ...(hasPermission(actor.role, "webhooks.manage") ? [{ href: "/staff/webhooks", label: "Webhooks" }] : []),
    ...(hasPermission(actor.role, "users.manage") ? [{ href: "/staff/users", label: "Staff users" }] : []),
    ...(hasPermission(actor.role, "settings.manage")
      ? [
          { href: "/staff/posting-settings", label: "Posting settings" },
          { href: "/staff/refund-limit", label: "Large-refund limit" },
          { href: "/staff/email-appearance", label: "Email appearance" },
        ]
      : []),
    { href: "/staff/roles", label: "Roles and permissions" },
    { href: "/staff/security", label: "Your sign-in security" },
  ];
  // The staff console stays English (issue 15): marked so on a Spanish page.
  return (
    <EnglishOnly>
      <SiteHeader
        nav={nav}
        userName={`${actor.name} (${ROLE_LABELS[actor.role]})`}
        homeHref="/staff"
        area="Staff"
      />
      <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </EnglishOnly>
  );
}
