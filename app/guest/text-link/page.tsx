import { EnglishOnly } from "@/components/english-only";
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { Card, PageTitle } from "@/components/ui/card";
import { TextLinkDobForm } from "@/components/guest/text-link-dob-form";
import { TEXT_LINK_COOKIE, TEXT_TO_PAY_LINK_DAYS } from "@/lib/text-to-pay/token";

export const metadata: Metadata = { title: "Your text message link" };

const PROBLEMS = {
  unknown:
    "This link does not open a statement. Check that you opened the whole link from your text message.",
  expired: `This link has expired: links in our text messages work for ${TEXT_TO_PAY_LINK_DAYS} days.`,
  revoked: "This link has been turned off.",
} as const;

/**
 * Where a text-to-pay link (/t/<token>) sends a patient when it cannot open the pay page at once:
 * the date of birth for a link past its first day, or why the link opens nothing.
 */
export default async function TextLinkPage({
  searchParams,
}: {
  searchParams: Promise<{ problem?: string }>;
}) {
  const { problem } = await searchParams;
  const hasToken = (await cookies()).has(TEXT_LINK_COOKIE);
  const shown =
    problem && problem in PROBLEMS ? (problem as keyof typeof PROBLEMS) : hasToken ? null : "unknown";
  if (shown) {
    return (
      <EnglishOnly>
        <div className="mx-auto max-w-md">
          <PageTitle>This link can&apos;t open your statement</PageTitle>
          <Card>
            <p>{PROBLEMS[shown]}</p>
            <p className="mt-4">
              You can still{" "}
              <Link href="/guest" className="text-brand-700 underline underline-offset-2">
                find your statement
              </Link>{" "}
              with the statement number on your bill.
            </p>
          </Card>
        </div>
      </EnglishOnly>
    );
  }
  return (
    <EnglishOnly>
      <div className="mx-auto max-w-md">
        <PageTitle description="For your security, links older than a day ask for the patient's date of birth before you pay.">
          Confirm it&apos;s you
        </PageTitle>
        <Card>
          <TextLinkDobForm />
        </Card>
      </div>
    </EnglishOnly>
  );
}
