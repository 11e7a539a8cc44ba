import { getTranslations } from "next-intl/server";
import { PublicLayout } from "@/components/public-layout";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("AuthLayout");
  return (
    <PublicLayout aside={{ href: "/guest", label: t("payAsGuest") }} width="max-w-md">
      {children}
    </PublicLayout>
  );
}
