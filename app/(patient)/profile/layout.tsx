import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { MessagesFor } from "@/components/i18n/messages-for";
import { ProfileNav } from "@/components/profile/profile-nav";

/**
 * The profile's frame: its title and the list of its sections. Each page guards itself. The
 * profile speaks the reader's language, so it says so inside the patient area's English marking
 * (components/english-only.tsx) until that area is translated too.
 */
export default async function ProfileLayout({ children }: { children: React.ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations("Profile"), getLocale()]);
  return (
    <div lang={locale}>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <div className="grid gap-6 md:grid-cols-[14rem_minmax(0,1fr)]">
        <MessagesFor only={["Profile"]}>
          <ProfileNav />
        </MessagesFor>
        <div className="flex min-w-0 flex-col gap-6">{children}</div>
      </div>
    </div>
  );
}
