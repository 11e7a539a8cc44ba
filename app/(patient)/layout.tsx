import { EnglishOnly } from "@/components/english-only";
import { SiteHeader } from "@/components/site-header";
import { IdleSignOut } from "@/components/auth/idle-sign-out";
import { patientPage } from "@/lib/auth/page-guards";
import { env } from "@/lib/env";

const NAV = [
  { href: "/bills", label: "Bills" },
  { href: "/plans", label: "Payment plans" },
  { href: "/autopay", label: "Autopay", isDocument: true },
  { href: "/payments", label: "Payment history" },
  { href: "/wallet", label: "Wallet", isDocument: true },
  { href: "/profile", label: "Profile" },
];

export default async function PatientLayout({ children }: { children: React.ReactNode }) {
  const actor = await patientPage();
  // Not translated yet (docs/i18n.md): marked English on a Spanish page.
  return (
    <EnglishOnly>
      <SiteHeader nav={NAV} userName={actor.name} homeHref="/bills" />
      <IdleSignOut timeoutSeconds={env().SESSION_IDLE_TIMEOUT_SECONDS} />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </EnglishOnly>
  );
}
