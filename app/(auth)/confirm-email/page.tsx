import type { Metadata } from "next";
import { EnglishOnly } from "@/components/english-only";
import { ConfirmEmailChangeForm } from "@/components/profile/confirm-email-change-form";
import { PageTitle } from "@/components/ui/card";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";
import { Notice } from "@/components/ui/form-message";

export const metadata: Metadata = { title: "Confirm your new email address" };

// The emailed link only opens this page; the change happens when the button is pressed, so a
// mail scanner that follows links cannot make it (or use the link up). No session is needed:
// the link may be opened on another device; the token is the proof.
export default async function ConfirmEmailPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  return (
    // Not translated yet (docs/i18n.md).
    <EnglishOnly>
      <PageTitle description="One step to make this address the email of your patient portal login.">
        Confirm your new email address
      </PageTitle>
      {token.length < 10 ? (
        <Notice tone="warning">
          This link is incomplete. Open it again from the email, or ask for a new one on your profile.
        </Notice>
      ) : (
        <ConfirmEmailChangeForm token={token} />
      )}
    </EnglishOnly>
  );
}
