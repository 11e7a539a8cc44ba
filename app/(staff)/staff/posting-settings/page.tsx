import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getPostingSettingsForm } from "@/lib/exports/queries";
import { staffPracticeId } from "@/lib/practice";
import { PostingSettingsForm } from "./_components/posting-settings-form";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffPostingSettings");
  return { title: t("metaTitle") };
}

async function PostingSettingsPage() {
  const actor = await staffPage("settings.manage");
  const practiceId = await staffPracticeId(actor.userId);
  const [saved, t] = await Promise.all([
    getPostingSettingsForm(practiceId),
    getTranslations("StaffPostingSettings"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <PostingSettingsForm saved={saved} />
      </Card>
    </>
  );
}

export default withStaffMessages(["StaffPostingSettings"], PostingSettingsPage);
