import { getTranslations } from "next-intl/server";
import { PublicLayout } from "@/components/public-layout";

export default async function GuestLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("PublicLayout");
  return <PublicLayout aside={{ href: "/login", label: t("signIn") }}>{children}</PublicLayout>;
}
