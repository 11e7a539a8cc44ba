import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  return (
    <>
      <PageTitle>Choose a new password</PageTitle>
      <ResetPasswordForm token={token} />
    </>
  );
}
