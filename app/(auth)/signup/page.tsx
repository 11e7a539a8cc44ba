import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Create a login" };

export default function SignUpPage() {
  return (
    <>
      <PageTitle description="See all your statements, pay them and keep your receipts in one place.">
        Create a login
      </PageTitle>
      <SignUpForm />
      <p className="mt-6">
        Already have a login?{" "}
        <Link href="/login" className="text-brand-700 underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </>
  );
}
