import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/staff-users/accept-invitation-form";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";

export const metadata: Metadata = { title: "Accept your invitation" };

export default async function InvitationPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  return (
    <>
      <PageTitle description="You have been invited to the practice's billing console. Choose your password.">
        Accept your invitation
      </PageTitle>
      <AcceptInvitationForm token={token} />
    </>
  );
}
