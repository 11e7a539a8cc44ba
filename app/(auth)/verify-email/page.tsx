import type { Metadata } from "next";
import { VerifyEmailForm } from "@/components/auth/auth-forms";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";

export const metadata: Metadata = { title: "Confirm your email" };

// The link only opens this page; the token is spent by the button, so a mail scanner that
// follows links cannot use it up.
export default async function VerifyEmailPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  return (
    <>
      <PageTitle description="One more step to finish setting up your login.">
        Confirm your email address
      </PageTitle>
      <VerifyEmailForm token={token} />
    </>
  );
}
