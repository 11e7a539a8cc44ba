import type { Metadata } from "next";
import { EnglishOnly } from "@/components/english-only";
import { AcceptInvitationForm } from "@/components/staff-users/accept-invitation-form";
import { StaffMessagesProvider } from "@/components/staff/staff-messages-provider";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";

export const metadata: Metadata = { title: "Accept your invitation" };

export default async function InvitationPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  return (
    // Not translated yet (docs/i18n.md).
    <EnglishOnly>
      <PageTitle description="You have been invited to the practice's billing console. Choose your password.">
        Accept your invitation
      </PageTitle>
      <StaffMessagesProvider only={["AccountFields", "ServerErrors", "StaffInvitation"]}>
        <AcceptInvitationForm token={token} />
      </StaffMessagesProvider>
    </EnglishOnly>
  );
}
