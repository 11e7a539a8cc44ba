import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { patientPage } from "@/lib/auth/page-guards";
import { env } from "@/lib/env";

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  const actor = await patientPage();
  const t = await getTranslations("PatientNav");
  const nav = [
    { href: "/bills", label: t("bills") },
    { href: "/plans", label: t("plans") },
    { href: "/autopay", label: t("autopay"), isDocument: true },
    { href: "/payments", label: t("payments") },
    { href: "/wallet", label: t("wallet"), isDocument: true },
    { href: "/profile", label: t("profile") },
  ];
  return (
    <>
      <SiteHeader
        nav={nav}
        userName={actor.name}
        homeHref="/bills"
        labels={{ nav: t("label"), signOut: t("signOut") }}
      />
      <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </>
  );
}
