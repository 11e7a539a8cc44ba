import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { MessagesFor } from "@/components/i18n/messages-for";
import { PublicLayout } from "@/components/public-layout";
import { QueryProvider } from "@/components/query-provider";
import { EnglishOnly } from "@/components/english-only";
import { PatientHeader } from "@/components/patient-header";
import { SiteHeader } from "@/components/site-header";
import { isStaffRole } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { GUEST_COOKIE, verifyGuestSession } from "@/lib/guest/session";

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
  const main = (
    <main id="main" className="mx-auto w-full max-w-3xl px-4 py-6 sm:py-8">
      <QueryProvider>{children}</QueryProvider>
    </main>
  );
  if (!isStaffRole(actor.role)) {
    return (
      <>
        <div className="print:hidden">
          <PatientHeader userName={actor.name} />
        </div>
        <MessagesFor only={["IdleSignOut"]}>
          <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
        </MessagesFor>
        {main}
      </>
    );
  }
  // Staff see the console's header, which stays English (issue 15), marked so on a Spanish page.
  const [tStaff, tRole] = await Promise.all([getTranslations("StaffLayout"), getTranslations("StaffRoles")]);
  return (
    <>
      <EnglishOnly>
        <div className="print:hidden">
          <SiteHeader
            nav={[{ href: "/staff/search", label: tStaff("nav.search") }]}
            userName={tStaff("userName", { name: actor.name, role: tRole(actor.role) })}
            homeHref="/staff"
            area={tStaff("area")}
          />
        </div>
        {/* English for staff, whatever the request's language. */}
        <MessagesFor only={["IdleSignOut"]}>
          <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
        </MessagesFor>
      </EnglishOnly>
      {main}
    </>
  );
}
