import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  return (
    <>
      <PageTitle>Choose a new password</PageTitle>
      <ResetPasswordForm token={token} />
    </>
  );
}
