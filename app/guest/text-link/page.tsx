import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { cookies } from "next/headers";
import { Card, PageTitle } from "@/components/ui/card";
import { TextLinkDobForm } from "@/components/guest/text-link-dob-form";
import { TEXT_LINK_COOKIE, TEXT_TO_PAY_LINK_DAYS } from "@/lib/text-to-pay/token";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("TextLink"))("title") };
}

/** Why a link opens nothing, each a message of TextLink. */
const PROBLEMS = ["unknown", "expired", "revoked"] as const;
type TProblem = (typeof PROBLEMS)[number];
const isProblem = (problem: string | undefined): problem is TProblem =>
  (PROBLEMS as readonly (string | undefined)[]).includes(problem);

/**
 * Where a text-to-pay link (/t/<token>) sends a patient when it cannot open the pay page at once:
 * the date of birth for a link past its first day, or why the link opens nothing.
 */
async function TextLinkPage({ searchParams }: { searchParams: Promise<{ problem?: string }> }) {
  const { problem } = await searchParams;
  const hasToken = (await cookies()).has(TEXT_LINK_COOKIE);
  const t = await getTranslations("TextLink");
  const shown: TProblem | null = isProblem(problem) ? problem : hasToken ? null : "unknown";
  if (shown) {
    return (
      <div className="mx-auto max-w-md">
        <PageTitle>{t("problemTitle")}</PageTitle>
        <Card>
          <p>{shown === "expired" ? t("expired", { days: TEXT_TO_PAY_LINK_DAYS }) : t(shown)}</p>
          <p className="mt-4">
            {t.rich("stillFind", {
              link: (chunks) => (
                <Link href="/guest" className="text-brand-700 underline underline-offset-2">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Card>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle description={t("confirmDescription")}>{t("confirmTitle")}</PageTitle>
      <Card>
        <TextLinkDobForm />
      </Card>
    </div>
  );
}

export default withMessages(["ServerErrors", "TextLink"], TextLinkPage);
