import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getPostingSettingsForm } from "@/lib/exports/queries";
import { staffPracticeId } from "@/lib/practice";
import { PostingSettingsForm } from "./_components/posting-settings-form";

export const metadata: Metadata = { title: "Staff · Posting settings" };

export default async function PostingSettingsPage() {
  const actor = await staffPage("settings.manage");
  const practiceId = await staffPracticeId(actor.userId);
  const saved = await getPostingSettingsForm(practiceId);
  return (
    <>
      <PageTitle description="The end-of-day files the portal writes for the practice management system.">
        Posting settings
      </PageTitle>
      <Card>
        <PostingSettingsForm saved={saved} />
      </Card>
    </>
  );
}
