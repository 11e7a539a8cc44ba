import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";

/**
 * A signed-in patient's header, in the reader's language: the (patient) pages' and, for a
 * patient, the receipt pages' (which live outside that group, a guest opening them too).
 */
export async function PatientHeader({ userName }: { userName: string }) {
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
    <SiteHeader
      nav={nav}
      userName={userName}
      homeHref="/bills"
      labels={{ nav: t("label"), signOut: t("signOut") }}
    />
  );
}
