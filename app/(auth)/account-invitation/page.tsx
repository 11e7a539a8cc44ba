import type { Metadata } from "next";
import { EnglishOnly } from "@/components/english-only";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/access/access-forms";
import { PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { getInvitationByToken } from "@/lib/access/queries";
import { SCOPE_ABILITY, maskEmail } from "@/lib/access/scope";
import { linkToken, type TLinkTokenPageProps } from "@/lib/auth/link-token";
import { getActor } from "@/lib/auth/session";
import { invitationPath } from "@/lib/access/invite-payer";

export const metadata: Metadata = { title: "Invitation to an account" };

const linkClass = "text-brand-700 underline underline-offset-2";

// The emailed link only opens this page; the token is spent by the Accept button (a mail scanner
// that follows links cannot use it up). Signed out, the page says whose invitation it is and
// sends the invitee to sign in (or sign up) and back here.
export default async function AccountInvitationPage(props: TLinkTokenPageProps) {
  const token = await linkToken(props);
  const [invitation, actor] = await Promise.all([getInvitationByToken({ token }), getActor()]);
  if (!invitation || !invitation.isUsable) {
    return (
      <EnglishOnly>
        <PageTitle>Invitation to an account</PageTitle>
        <Notice tone="warning">
          This invitation link has expired, was already used or was withdrawn. Ask the person who invited you
          for a new one.
        </Notice>
      </EnglishOnly>
    );
  }
  const here = invitationPath(token);
  return (
    // Not translated yet (docs/i18n.md).
    <EnglishOnly>
      <PageTitle
        description={`${invitation.inviterName} invited you to ${SCOPE_ABILITY[invitation.scope]} the bills of ${invitation.guarantorName}'s account at ${invitation.practiceName}.`}
      >
        Invitation to an account
      </PageTitle>
      <p className="mb-4 text-slate-700">
        You pay with your own card or bank account. You will not see {invitation.inviterName}&apos;s saved
        payment methods, profile or other accounts, and either of you can end this at any time.
      </p>
      {!actor ? (
        <div className="flex flex-col gap-3">
          <p>
            To accept, sign in with the address the invitation was sent to (
            {maskEmail(invitation.inviteeEmail)}).
          </p>
          <p>
            <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className={linkClass}>
              Sign in to accept
            </Link>
          </p>
          <p>
            No login yet?{" "}
            <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className={linkClass}>
              Create one with that address
            </Link>
            . Once you confirm it from the email we send and sign in, you come back here to accept.
          </p>
        </div>
      ) : actor.role !== "PATIENT" ? (
        <Notice tone="warning">
          You are signed in to the billing console. Sign out, then sign in with a patient login to accept.
        </Notice>
      ) : (
        <AcceptInvitationForm token={token} />
      )}
    </EnglishOnly>
  );
}
