import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { staffPage } from "@/lib/auth/page-guards";
import { getEmailBrand } from "@/lib/branding/queries";
import { BrandColorForm } from "./_components/brand-color-form";

export const metadata: Metadata = { title: "Staff · Email appearance" };

export default async function EmailAppearancePage() {
  const actor = await staffPage("settings.manage");
  const brand = await getEmailBrand(actor.practiceId);
  return (
    <>
      <PageTitle description="Every email the portal sends (receipts, reminders, notices, sign-up and password links) carries the practice's name on a band of this colour, and its buttons are this colour with white words.">
        Email appearance
      </PageTitle>
      <Card>
        <BrandColorForm saved={brand.color} />
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">How emails look now</h2>
        <div className="overflow-hidden rounded-md border border-slate-300" data-testid="email-preview">
          <p className="px-4 py-3 text-lg font-bold text-white" style={{ backgroundColor: brand.color }}>
            {brand.name}
          </p>
          <div className="bg-white px-4 py-4">
            <p className="mb-3">Thank you for your payment to {brand.name}.</p>
            <span
              className="inline-block rounded-md px-5 py-3 font-semibold text-white"
              style={{ backgroundColor: brand.color }}
            >
              See your receipt
            </span>
          </div>
        </div>
      </Card>
    </>
  );
}
