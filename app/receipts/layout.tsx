import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { MessagesFor } from "@/components/i18n/messages-for";
import { PublicLayout } from "@/components/public-layout";
import { QueryProvider } from "@/components/query-provider";
import { SiteHeader, type TNavItem } from "@/components/site-header";
import { ROLE_LABELS, isStaffRole } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";

// The same destinations as the (patient) and (staff) headers.
const PATIENT_NAV: TNavItem[] = [
  { href: "/bills", label: "Bills" },
  { href: "/payments", label: "Payment history" },
  { href: "/profile", label: "Profile" },
];
const STAFF_NAV: TNavItem[] = [{ href: "/staff/search", label: "Find an account" }];

/**
 * Receipts live outside the (patient) group: a guest who just paid opens them too. Signed-in
 * people get their usual header (and the idle sign-out); everyone else the public frame. The
 * page itself decides who may see which receipt. Only the receipt pages use TanStack Query (a
 * processing payment's status), so only they carry it.
 */
export default async function ReceiptsLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) {
    const guest = await verifyGuestSession((await cookies()).get(GUEST_COOKIE)?.value);
    const t = await getTranslations("PublicLayout");
    const aside = guest
      ? { href: "/guest/statement", label: t("yourStatement") }
      : { href: "/login", label: t("signIn") };
    return (
      <PublicLayout aside={aside}>
        <QueryProvider>{children}</QueryProvider>
      </PublicLayout>
    );
  }
  const isStaff = isStaffRole(actor.role);
  return (
    <>
      <div className="print:hidden">
        <SiteHeader
          nav={isStaff ? STAFF_NAV : PATIENT_NAV}
          userName={isStaff ? `${actor.name} (${ROLE_LABELS[actor.role]})` : actor.name}
          homeHref={isStaff ? "/staff" : "/bills"}
          area={isStaff ? "Staff" : undefined}
        />
      </div>
      {/* The patient's language; English for staff. */}
      <MessagesFor only={["IdleSignOut"]}>
        <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      </MessagesFor>
      <main id="main" className="mx-auto w-full max-w-3xl px-4 py-6 sm:py-8">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </>
  );
}
