import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getEmailBrand } from "@/lib/branding/queries";
import { BrandColorForm } from "./_components/brand-color-form";
import { withStaffMessages } from "@/components/staff/staff-messages-provider";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("StaffEmailAppearance");
  return { title: t("metaTitle") };
}

async function EmailAppearancePage() {
  const actor = await staffPage("settings.manage");
  const [brand, t] = await Promise.all([
    getEmailBrand(actor.practiceId),
    getTranslations("StaffEmailAppearance"),
  ]);
  return (
    <>
      <PageTitle description={t("description")}>{t("title")}</PageTitle>
      <Card>
        <BrandColorForm saved={brand.color} />
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">{t("previewHeading")}</h2>
        <div className="overflow-hidden rounded-md border border-slate-300" data-testid="email-preview">
          <p className="px-4 py-3 text-lg font-bold text-white" style={{ backgroundColor: brand.color }}>
            {brand.name}
          </p>
          <div className="bg-white px-4 py-4">
            <p className="mb-3">{t("previewText", { practice: brand.name })}</p>
            <span
              className="inline-block rounded-md px-5 py-3 font-semibold text-white"
              style={{ backgroundColor: brand.color }}
            >
              {t("previewButton")}
            </span>
          </div>
        </div>
      </Card>
    </>
  );
}

export default withStaffMessages(["StaffEmailAppearance"], EmailAppearancePage);
