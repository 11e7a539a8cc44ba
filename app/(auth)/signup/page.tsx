import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Create a login" };

// From an invitation, callbackUrl is its page: the verification link carries it, so the new
// patient signs in and lands back on the invitation. Only a path of ours is kept.
export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const checked = safeCallbackUrl((await searchParams).callbackUrl, "");
  const callbackUrl = checked === "/" ? "" : checked;
  return (
    <>
      <PageTitle description="See all your statements, pay them and keep your receipts in one place.">
        Create a login
      </PageTitle>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-6">
        Already have a login?{" "}
        <Link
          href={callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login"}
          className="text-brand-700 underline underline-offset-2"
        >
          Sign in
        </Link>
      </p>
    </>
  );
}
